package io.topogan.gan;

/**
 * Output of one generator layer for a batch of latent vectors.
 *
 * @param index zero-based position of the layer in the generator
 * @param name layer kind: linear, leakyrelu, reshape, convtranspose, conv, batchnorm, upsample
 *     or tanh
 * @param shape output shape, batch axis first
 * @param data output values in row-major order of {@code shape}
 */
public record LayerActivation(int index, String name, int[] shape, float[] data) {
}
