package io.topogan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam written out on NDArrays so that it is step for step torch.optim.Adam (no weight decay,
 * no AMSGrad), and its state (step count, first and second moment per parameter) is open to
 * checkpointing.
 *
 * <p>Per step t and parameter p with gradient g:
 * m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * p = p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 * The moments live on the manager given at construction; {@link #step()} must run outside a
 * gradient collector, because libtorch rejects in-place updates of leaves while recording.
 */
final class AdamOptimizer {

    private static final double EPS = 1e-8;

    private final List<Parameter> parameters;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final NDManager manager;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private long step;

    /** Creates zero moments for the trainable parameters among the given ones. */
    AdamOptimizer(List<Parameter> parameters, NDManager manager, double learningRate,
            double beta1, double beta2) {
        this.parameters = parameters.stream().filter(Parameter::requiresGradient).toList();
        this.manager = manager;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        for (Parameter parameter : this.parameters) {
            firstMoments.add(manager.zeros(parameter.getArray().getShape()));
            secondMoments.add(manager.zeros(parameter.getArray().getShape()));
        }
    }

    /** Trainable parameters updated by this optimizer, in block order. */
    List<Parameter> parameters() {
        return parameters;
    }

    /** Number of steps taken so far. */
    long stepCount() {
        return step;
    }

    /** Sets the gradients of this optimizer's parameters to zero. */
    void zeroGradients() {
        zeroGradients(parameters);
    }

    /** Sets the gradients of the given parameters to zero, where they have one. */
    static void zeroGradients(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            NDArray array = parameter.getArray();
            if (array.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) array);
            }
        }
    }

    /** Applies one update from the gradients currently stored on the parameters. */
    void step() {
        step++;
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (learningRate / biasCorrection1);
        float sqrtBiasCorrection2 = (float) Math.sqrt(biasCorrection2);

        for (int i = 0; i < parameters.size(); i++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray weight = parameters.get(i).getArray();
                NDArray gradient = weight.getGradient();
                gradient.attach(scope);
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);

                m.muli(beta1).addi(gradient.mul(1 - beta1));
                v.muli(beta2).addi(gradient.square().muli(1 - beta2));

                NDArray denominator = v.sqrt();
                denominator.attach(scope);
                denominator.divi(sqrtBiasCorrection2).addi(EPS);
                NDArray update = m.div(denominator);
                update.attach(scope);
                weight.subi(update.muli(stepSize));
            }
        }
    }
}
