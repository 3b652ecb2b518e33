package io.topogan.events;

/**
 * The stored output of one generator layer at a checkpoint.
 *
 * @param index position of the layer in the generator, from 0
 * @param name layer name such as {@code convtranspose} or {@code leakyrelu}
 * @param blob the {@code .npy} array of the layer's output, one row per latent vector
 */
public record LayerBlob(int index, String name, BlobRef blob) {

    /** Returns the layer id used in object keys and metric events, such as {@code 03-leakyrelu}. */
    public String layerId() {
        return String.format("%02d-%s", index, name);
    }
}
