package io.topogan.gan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WGAN-GP gradient penalty GP = mean((||grad_x D(x)||_2 - 1)^2) over a batch of points x,
 * back-propagated into the critic's parameters by double back-propagation.
 *
 * <p>libtorch's backward pass with create_graph also accumulates d(sum D(x))/d(theta) into the
 * parameters' gradients and links their history to this step's graph. Zeroing such a gradient
 * keeps that history, so the next step's graph would chain to it and no step's graph would be
 * freed. To avoid this, the penalty's critic pass runs on detached leaf copies of the trainable
 * parameters, made for this one step. Their gradients are cleared after the first pass, receive
 * d(weight * GP)/d(theta) in the second, and are then added, detached, to the real parameters'
 * gradients. BatchNorm running statistics are not copied, so that pass updates them as
 * PyTorch's does.
 */
final class GradientPenalty {

    private GradientPenalty() {
    }

    /**
     * Back-propagates {@code otherLoss + weight * GP} so that the critic's parameter gradients
     * grow by its derivative and nothing else.
     *
     * @param collector the open gradient collector in which {@code otherLoss} was recorded
     * @param critic the critic, run in training mode
     * @param criticParameters the critic's parameters, whose gradients receive the result
     * @param scope manager of the current step; copies and intermediate arrays attach to it
     * @param points interpolated images, shaped like the critic's input
     * @param otherLoss scalar loss recorded in the same collector, back-propagated together; it
     *     must read every trainable critic parameter, as the Wasserstein term does, because
     *     the penalty's gradients are added to gradients that this pass creates
     * @param weight lambda, the weight of the penalty
     * @return the penalty GP, a scalar without the weight
     */
    static NDArray backward(GradientCollector collector, Block critic,
            List<Parameter> criticParameters, NDManager scope, NDArray points,
            NDArray otherLoss, float weight) {
        StepCopies copies = new StepCopies(scope);
        NDArray penalty = penalty(critic, copies, points);
        copies.zeroGradients();
        collector.backward(otherLoss.add(penalty.mul(weight)));
        copies.addGradientsTo(criticParameters);
        return penalty;
    }

    /**
     * Computes the penalty at the points with the input gradient kept differentiable. Marks the
     * points as requiring a gradient; the first backward pass leaves gradients on everything the
     * critic read through the parameter store.
     */
    static NDArray penalty(Block critic, ParameterStore parameterStore, NDArray points) {
        points.setRequiresGradient(true);
        NDArray scores = critic.forward(parameterStore, new NDList(points), true)
                .singletonOrThrow();
        JniUtils.backward((PtNDArray) scores, (PtNDArray) scores.onesLike(), true, true);
        NDArray gradient = points.getGradient();
        long batch = points.getShape().get(0);
        NDArray norms = gradient.reshape(batch, -1).norm(new int[] {1});
        return norms.sub(1f).square().mean();
    }

    /** Parameter store that hands out detached leaf copies of trainable parameters. */
    private static final class StepCopies extends ParameterStore {
        private final NDManager scope;
        private final Map<Parameter, NDArray> copies = new LinkedHashMap<>();

        StepCopies(NDManager scope) {
            super(scope, false);
            this.scope = scope;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (!parameter.requiresGradient()) {
                return parameter.getArray();
            }
            return copies.computeIfAbsent(parameter, key -> {
                // A detached view shares the parameter's storage and starts a new graph.
                NDArray copy = key.getArray().stopGradient();
                copy.attach(scope);
                copy.setRequiresGradient(true);
                return copy;
            });
        }

        void zeroGradients() {
            for (NDArray copy : copies.values()) {
                JniUtils.zeroGrad((PtNDArray) copy);
            }
        }

        void addGradientsTo(List<Parameter> parameters) {
            for (Parameter parameter : parameters) {
                NDArray copy = copies.get(parameter);
                if (copy == null) {
                    continue;
                }
                NDArray copyGradient = copy.getGradient();
                copyGradient.attach(scope);
                NDArray detached = copyGradient.stopGradient();
                detached.attach(scope);
                NDArray gradient = parameter.getArray().getGradient();
                gradient.attach(scope);
                gradient.addi(detached);
            }
        }
    }
}
