package io.topogan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

    /**
     * Writes the step count and the moments of every parameter, in the layout that
     * {@link TrainingState} documents.
     */
    void writeState(DataOutput out) throws IOException {
        out.writeLong(step);
        out.writeInt(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            out.writeUTF(parameters.get(i).getName());
            TrainingState.writeFloats(out, firstMoments.get(i).toFloatArray());
            TrainingState.writeFloats(out, secondMoments.get(i).toFloatArray());
        }
    }

    /**
     * Replaces the step count and moments with those written by {@link #writeState} for an
     * optimizer of the same network.
     *
     * @param network "generator" or "discriminator", for error messages
     * @throws TrainingStateException if the step count is negative or the parameters differ
     */
    void readState(DataInput in, String network) throws IOException {
        long storedStep = in.readLong();
        if (storedStep < 0) {
            throw new TrainingStateException("The " + network
                    + " optimizer in the training state has negative step count " + storedStep);
        }
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new TrainingStateException("The " + network + " optimizer in the training"
                    + " state has " + count + " parameters, this network has "
                    + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            String name = in.readUTF();
            String expected = parameters.get(i).getName();
            if (!name.equals(expected)) {
                throw new TrainingStateException("The " + network + " optimizer in the training"
                        + " state has parameter " + name + " where this network has "
                        + expected);
            }
            int size = Math.toIntExact(firstMoments.get(i).size());
            firstMoments.get(i).set(TrainingState.readFloats(in, size));
            secondMoments.get(i).set(TrainingState.readFloats(in, size));
        }
        step = storedStep;
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
