package io.topogan.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Overwrites the weights and biases of linear and convolution layers with seeded random values,
 * the way the reference initializes them. BatchNorm parameters keep DJL's values, which equal
 * PyTorch's: gamma 1, beta 0, running mean 0, running variance 1.
 *
 * <p>Values come from a {@link RandomStream} so a seed fixes them independently of libtorch's
 * global generator. The distributions match PyTorch's, the exact numbers do not.
 */
final class WeightInitialization {

    private WeightInitialization() {
    }

    /**
     * Applies PyTorch's default initialization: weights and biases uniform in
     * [-1/sqrt(fan_in), 1/sqrt(fan_in)]. For weights this is kaiming-uniform with a = sqrt(5),
     * whose bound gain * sqrt(3 / fan_in) with gain = sqrt(2 / (1 + 5)) reduces to the same
     * value. fan_in is the size of dimension 1 times the kernel area, also for transposed
     * convolutions, whose weight layout is (in, out, kH, kW) as in PyTorch.
     */
    static void pytorchDefault(Block block, RandomStream random) {
        double bound = Double.NaN;
        for (Parameter parameter : block.getParameters().values()) {
            switch (parameter.getType()) {
                case WEIGHT -> {
                    bound = 1.0 / Math.sqrt(fanIn(parameter.getArray().getShape()));
                    fillUniform(parameter, bound, random);
                }
                case BIAS -> fillUniform(parameter, bound, random);
                default -> {
                    // BatchNorm parameters and running statistics keep their values.
                }
            }
        }
    }

    /** Applies the DCGAN initialization: weights ~ N(0, std), biases 0. */
    static void normal(Block block, double std, RandomStream random) {
        for (Parameter parameter : block.getParameters().values()) {
            switch (parameter.getType()) {
                case WEIGHT -> {
                    float[] values = new float[Math.toIntExact(parameter.getArray().size())];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) (random.nextGaussian() * std);
                    }
                    parameter.getArray().set(values);
                }
                case BIAS -> parameter.getArray().set(
                        new float[Math.toIntExact(parameter.getArray().size())]);
                default -> {
                    // BatchNorm parameters and running statistics keep their values.
                }
            }
        }
    }

    private static long fanIn(Shape weightShape) {
        long fanIn = weightShape.get(1);
        for (int axis = 2; axis < weightShape.dimension(); axis++) {
            fanIn *= weightShape.get(axis);
        }
        return fanIn;
    }

    private static void fillUniform(Parameter parameter, double bound, RandomStream random) {
        if (Double.isNaN(bound)) {
            throw new IllegalStateException(
                    "Bias " + parameter.getName() + " comes before any weight");
        }
        float[] values = new float[Math.toIntExact(parameter.getArray().size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        parameter.getArray().set(values);
    }
}
