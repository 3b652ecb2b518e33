package io.topogan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the critic-parameter gradient of the gradient penalty, computed by double
 * back-propagation, against central finite differences of the penalty, in float64. The penalty
 * values themselves use first-order autograd only.
 */
class GradientPenaltyTest {

    private static final double STEP = 1e-6;

    @Test
    void penaltyGradientMatchesFiniteDifferences() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            SequentialBlock critic = new SequentialBlock()
                    .add(Linear.builder().setUnits(5).build())
                    .add(x -> new NDList(
                            Activation.leakyRelu(x.singletonOrThrow(), 0.2f)))
                    .add(Linear.builder().setUnits(1).build());
            critic.initialize(manager, DataType.FLOAT64, new Shape(3, 4));
            Random random = new Random(11);
            List<Parameter> parameters = new ArrayList<>(critic.getParameters().values());
            for (Parameter parameter : parameters) {
                double[] values = new double[Math.toIntExact(parameter.getArray().size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextGaussian() * 0.8;
                }
                parameter.getArray().set(values);
            }
            double[] points = new double[12];
            for (int i = 0; i < points.length; i++) {
                points[i] = random.nextGaussian();
            }
            ParameterStore parameterStore = new ParameterStore(manager, false);

            List<double[]> analytic = new ArrayList<>();
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = engine.newGradientCollector()) {
                AdamOptimizer.zeroGradients(parameters);
                NDArray x = scope.create(points, new Shape(3, 4));
                // A zero loss that reads every parameter, as the Wasserstein term does.
                NDArray zeroLoss = critic.forward(parameterStore, new NDList(x), true)
                        .singletonOrThrow().sum().mul(0f);
                GradientPenalty.backward(collector, critic, parameters, scope, x, zeroLoss, 1f);
                for (Parameter parameter : parameters) {
                    try (NDArray gradient = parameter.getArray().getGradient()) {
                        analytic.add(gradient.toDoubleArray());
                    }
                }
            }

            int checked = 0;
            for (int p = 0; p < parameters.size(); p++) {
                NDArray array = parameters.get(p).getArray();
                double[] original = array.toDoubleArray();
                for (int i = 0; i < original.length; i++) {
                    double[] shifted = original.clone();
                    shifted[i] = original[i] + STEP;
                    array.set(shifted);
                    double plus = penalty(engine, manager, critic, parameterStore, points);
                    shifted[i] = original[i] - STEP;
                    array.set(shifted);
                    double minus = penalty(engine, manager, critic, parameterStore, points);
                    array.set(original);

                    double numeric = (plus - minus) / (2 * STEP);
                    assertEquals(numeric, analytic.get(p)[i], 1e-6 * (1 + Math.abs(numeric)),
                            "d penalty / d " + parameters.get(p).getName() + "[" + i + "]");
                    checked++;
                }
            }
            assertEquals(31, checked);
            assertTrue(analytic.stream().flatMapToDouble(java.util.Arrays::stream)
                    .anyMatch(value -> Math.abs(value) > 1e-3), "gradient is not all zero");
        }
    }

    private static double penalty(Engine engine, NDManager manager, SequentialBlock critic,
            ParameterStore parameterStore, double[] points) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = engine.newGradientCollector()) {
            NDArray x = scope.create(points, new Shape(3, 4));
            return GradientPenalty.penalty(critic, parameterStore, x).getDouble();
        }
    }
}
