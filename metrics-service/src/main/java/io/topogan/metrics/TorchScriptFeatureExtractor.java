package io.topogan.metrics;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import io.topogan.formats.Bilinear;
import io.topogan.formats.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a TorchScript model with DJL's PyTorch engine on the CPU, in batches. Each image is
 * converted to the model's {@link InputContract}: channels repeated or averaged, resized with
 * {@link Bilinear} (PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}), scaled
 * to the model's value range. Every NDArray of a batch lives in a sub-manager closed after the
 * batch.
 */
public final class TorchScriptFeatureExtractor implements FeatureExtractor {

    private final String name;
    private final InputContract contract;
    private final int batchSize;
    private final Model model;
    private final PtSymbolBlock block;

    /**
     * Loads {@code file}, a TorchScript {@code .pt} file.
     *
     * @throws IOException if the file cannot be read or is not a TorchScript model
     */
    public TorchScriptFeatureExtractor(String name, Path file, InputContract contract,
            int batchSize) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.name = name;
        this.contract = contract;
        this.batchSize = batchSize;
        Model loaded = Model.newInstance(name, "PyTorch");
        try {
            String fileName = file.getFileName().toString();
            String prefix = fileName.endsWith(".pt")
                    ? fileName.substring(0, fileName.length() - 3) : fileName;
            loaded.load(file.toAbsolutePath().getParent(), prefix);
        } catch (MalformedModelException | RuntimeException e) {
            loaded.close();
            throw new IOException("cannot load the TorchScript model " + file + ": "
                    + e.getMessage(), e);
        }
        this.model = loaded;
        this.block = (PtSymbolBlock) loaded.getBlock();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[][] extract(NpyArray images) {
        int[] shape = images.shape();
        if (shape.length != 4 || (shape[1] != 1 && shape[1] != 3) || shape[2] < 1
                || shape[3] < 1) {
            throw new IllegalArgumentException("expected images of shape (n, 1 or 3, height,"
                    + " width), got " + Arrays.toString(shape));
        }
        float[][] rows = images.toFloatRows();
        int channels = shape[1];
        float[][] features = new float[rows.length][];
        // Autograd is thread-local in libtorch: switch it off for this thread's forward passes.
        JniUtils.setGradMode(false);
        for (int start = 0; start < rows.length; start += batchSize) {
            int end = Math.min(rows.length, start + batchSize);
            float[][] batch = forward(rows, start, end, channels, shape[2], shape[3]);
            System.arraycopy(batch, 0, features, start, batch.length);
        }
        return features;
    }

    private float[][] forward(float[][] rows, int start, int end, int channels, int height,
            int width) {
        int size = contract.size();
        int plane = size * size;
        int imageLength = contract.channels() * plane;
        float[] input = new float[(end - start) * imageLength];
        for (int i = start; i < end; i++) {
            float[] prepared = prepare(rows[i], channels, height, width);
            System.arraycopy(prepared, 0, input, (i - start) * imageLength, imageLength);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray array = manager.create(input,
                    new Shape(end - start, contract.channels(), size, size));
            IValue[] arguments = contract.returnFeaturesArgument()
                    ? new IValue[] {IValue.from((PtNDArray) array), IValue.from(true)}
                    : new IValue[] {IValue.from((PtNDArray) array)};
            try {
                try (IValue output = block.forward(arguments)) {
                    if (!output.isTensor()) {
                        throw new IllegalArgumentException("model " + name + " returned "
                                + output.getType() + ", expected a tensor of features");
                    }
                    NDArray result = output.toTensor((PtNDManager) manager);
                    return toRows(result, end - start);
                }
            } finally {
                for (IValue argument : arguments) {
                    argument.close();
                }
            }
        }
    }

    /** Converts one CHW image in [-1, 1] to the model's channels, size and value range. */
    private float[] prepare(float[] image, int channels, int height, int width) {
        int size = contract.size();
        float[] source = image;
        int sourceChannels = channels;
        if (channels == 3 && contract.channels() == 1) {
            int plane = height * width;
            source = new float[plane];
            for (int p = 0; p < plane; p++) {
                source[p] = (image[p] + image[plane + p] + image[2 * plane + p]) / 3f;
            }
            sourceChannels = 1;
        }
        float[] resized = height == size && width == size ? source.clone()
                : Bilinear.resize(source, sourceChannels, height, width, size, size);
        if (contract.byteRange()) {
            for (int p = 0; p < resized.length; p++) {
                resized[p] = (resized[p] + 1f) * 127.5f;
            }
        }
        if (sourceChannels == 1 && contract.channels() == 3) {
            int plane = size * size;
            float[] repeated = new float[3 * plane];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(resized, 0, repeated, c * plane, plane);
            }
            return repeated;
        }
        return resized;
    }

    private float[][] toRows(NDArray result, int count) {
        Shape shape = result.getShape();
        if (shape.dimension() < 2 || shape.get(0) != count) {
            throw new IllegalArgumentException("model " + name + " returned shape " + shape
                    + ", expected (" + count + ", features)");
        }
        int dimension = (int) (shape.size() / count);
        float[] values = result.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .toFloatArray();
        float[][] rows = new float[count][dimension];
        for (int i = 0; i < count; i++) {
            System.arraycopy(values, i * dimension, rows[i], 0, dimension);
        }
        return rows;
    }

    @Override
    public void close() {
        model.close();
    }
}
