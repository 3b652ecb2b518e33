package io.topogan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loads the weights of the PyTorch reference models into the DJL networks and compares the
 * outputs of a training-mode and an evaluation-mode forward pass, and the BatchNorm running
 * statistics after the training-mode pass.
 */
class ForwardEqualityTest {

    private static final int CHANNELS = 3;
    private static final int BATCH = 4;
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void generatorMatchesPytorch(Architecture architecture) {
        GanNetworks networks = GanNetworks.build(architecture, CHANNELS);
        float[] noise = TorchFixtures.patternArray(1000, BATCH * GanNetworks.LATENT_SIZE, 1.5);
        check(networks, networks.generator(), "generator",
                noise, new Shape(BATCH, GanNetworks.LATENT_SIZE));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void discriminatorMatchesPytorch(Architecture architecture) {
        GanNetworks networks = GanNetworks.build(architecture, CHANNELS);
        float[] images = TorchFixtures.patternArray(1001, BATCH * networks.imageLength(), 1.0);
        check(networks, networks.discriminator(), "discriminator",
                images, networks.imageShape(BATCH));
    }

    private static void check(GanNetworks networks, Block block, String network,
            float[] input, Shape inputShape) {
        String prefix = networks.architecture().id() + "_c" + CHANNELS;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            networks.initialize(manager);
            loadPattern(block, TorchFixtures.manifest(prefix + "_manifest.txt", network));
            ParameterStore parameterStore = new ParameterStore(manager, false);
            NDArray x = manager.create(input, inputShape);

            float[] train = block.forward(parameterStore, new NDList(x), true)
                    .singletonOrThrow().toFloatArray();
            assertClose(TorchFixtures.floats(prefix + "_" + network + "_train.bin"), train,
                    "training-mode output");
            assertClose(TorchFixtures.floats(prefix + "_" + network + "_running.bin"),
                    runningStatistics(block), "running statistics after one batch");

            float[] eval = block.forward(parameterStore, new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            assertClose(TorchFixtures.floats(prefix + "_" + network + "_eval.bin"), eval,
                    "evaluation-mode output");
        }
    }

    /** Fills every DJL parameter like the script filled the PyTorch tensor at that position. */
    private static void loadPattern(Block block, List<TorchFixtures.TensorEntry> manifest) {
        List<Parameter> parameters = new ArrayList<>(block.getParameters().values());
        assertEquals(manifest.size(), parameters.size(), "number of state tensors");
        double fanIn = Double.NaN;
        for (int index = 0; index < parameters.size(); index++) {
            Parameter parameter = parameters.get(index);
            TorchFixtures.TensorEntry entry = manifest.get(index);
            Shape shape = parameter.getArray().getShape();
            assertArrayEquals(entry.shape(), shape.getShape(),
                    "shape of " + parameter.getName() + " against " + entry.name());

            if (parameter.getType() == Parameter.Type.WEIGHT) {
                fanIn = shape.size() / (double) shape.get(0);
            }
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int j = 0; j < values.length; j++) {
                double v = TorchFixtures.pattern(index, j);
                values[j] = (float) switch (parameter.getType()) {
                    case WEIGHT, BIAS -> v / Math.sqrt(fanIn);
                    case GAMMA -> 1.0 + 0.2 * v;
                    case BETA, RUNNING_MEAN -> 0.1 * v;
                    case RUNNING_VAR -> 1.0 + 0.5 * v;
                    default -> throw new IllegalStateException(
                            "Unexpected parameter type " + parameter.getType());
                };
            }
            parameter.getArray().set(values);
        }
    }

    private static float[] runningStatistics(Block block) {
        List<Float> values = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.getType() == Parameter.Type.RUNNING_MEAN
                    || parameter.getType() == Parameter.Type.RUNNING_VAR) {
                for (float value : parameter.getArray().toFloatArray()) {
                    values.add(value);
                }
            }
        }
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of values");
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]) / (1 + Math.abs(expected[i]));
            if (error > worst) {
                worst = error;
                worstIndex = i;
            }
        }
        assertTrue(worst <= TOLERANCE, what + ": largest error " + worst + " at index "
                + worstIndex);
    }
}
