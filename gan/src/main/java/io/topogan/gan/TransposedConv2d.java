package io.topogan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's ConvTranspose2d with kernel 4, stride 2 and padding 1, the only transposed
 * convolution of the reference models: input (N, in, H, W) gives output (N, out, 2H, 2W).
 * Parameters and weight layout (in, out, 4, 4) are PyTorch's.
 *
 * <p>DJL 0.36's PyTorch engine does not implement deconvolution, so this block computes it with
 * one ordinary convolution. Output row 2m + a receives input rows m and m - 1 through kernel
 * rows 1 and 3 when a = 0, and input rows m + 1 and m through kernel rows 0 and 2 when a = 1;
 * columns likewise. Each of the four output phases (a, b) is therefore a 2 x 2 convolution of
 * the input padded by 1, with the kernel flipped and subsampled. The four phase kernels run as
 * one convolution with 4 * out channels, and the phases are interleaved into the output grid.
 */
final class TransposedConv2d extends AbstractBlock {

    private static final int KERNEL = 4;

    private final int filters;
    private final Parameter weight;
    private final Parameter bias;

    TransposedConv2d(int filters) {
        this.filters = filters;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        this.bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), filters, KERNEL, KERNEL));
        bias.setShape(new Shape(filters));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        return new Shape[] {new Shape(input.get(0), filters, 2 * input.get(2), 2 * input.get(3))};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray weightArray = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray biasArray = parameterStore.getValue(bias, input.getDevice(), training);
        long height = input.getShape().get(2);
        long width = input.getShape().get(3);

        // Results of operations on parameters belong to the parameters' manager unless moved;
        // each is moved to the input's manager, which the caller closes after the step.
        NDManager scope = input.getManager();

        // Flipped kernel rows are 3, 2, 1, 0: phase 0 takes {3, 1}, phase 1 takes {2, 0}.
        NDArray transposed = attach(weightArray.transpose(1, 0, 2, 3), scope);
        NDArray flipped = attach(transposed.flip(2, 3), scope);
        NDList phaseKernels = new NDList();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                phaseKernels.add(flipped.get(":, :, {}::2, {}::2", a, b));
            }
        }
        NDArray phases = Conv2d.conv2d(input,
                        NDArrays.concat(phaseKernels, 0),
                        attach(biasArray.tile(4), scope),
                        new Shape(1, 1),
                        new Shape(1, 1),
                        new Shape(1, 1))
                .singletonOrThrow();

        // Phase a keeps padded-output rows a .. a + H - 1, phase b columns b .. b + W - 1.
        NDList rows = new NDList();
        for (int a = 0; a < 2; a++) {
            NDList columns = new NDList();
            for (int b = 0; b < 2; b++) {
                int phase = 2 * a + b;
                columns.add(phases.get(":, {}:{}, {}:{}, {}:{}",
                        phase * filters, (phase + 1) * filters,
                        a, a + height,
                        b, b + width));
            }
            rows.add(NDArrays.stack(columns, 4)
                    .reshape(new Shape(-1, filters, height, 2 * width)));
        }
        NDArray output = NDArrays.stack(rows, 3)
                .reshape(new Shape(-1, filters, 2 * height, 2 * width));
        return new NDList(output);
    }

    private static NDArray attach(NDArray array, NDManager manager) {
        array.attach(manager);
        return array;
    }
}
