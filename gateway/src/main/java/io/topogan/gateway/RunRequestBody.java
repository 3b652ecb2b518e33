package io.topogan.gateway;

import io.topogan.events.RunConfig;
import java.util.List;

/**
 * Body of {@code POST /api/runs}. Every field is optional; a missing field takes the value of
 * {@link RunConfig#demo()}.
 */
public record RunRequestBody(
        String runId,
        String model,
        String dataset,
        List<Integer> classes,
        Integer channels,
        Integer trainingImages,
        Integer epochs,
        Integer batchSize,
        Integer checkpointEvery,
        Integer samplesPerCheckpoint,
        Integer layerSamples,
        Integer realSamples,
        Integer nPerm,
        Long seed,
        Double learningRate,
        Integer latentModes) {

    /** Returns the run settings: this body's fields over the demo defaults. */
    public RunConfig toConfig() {
        RunConfig d = RunConfig.demo();
        return new RunConfig(
                model != null ? model : d.model(),
                dataset != null ? dataset : d.dataset(),
                classes != null ? classes : d.classes(),
                channels != null ? channels : d.channels(),
                trainingImages != null ? trainingImages : d.trainingImages(),
                epochs != null ? epochs : d.epochs(),
                batchSize != null ? batchSize : d.batchSize(),
                checkpointEvery != null ? checkpointEvery : d.checkpointEvery(),
                samplesPerCheckpoint != null ? samplesPerCheckpoint : d.samplesPerCheckpoint(),
                layerSamples != null ? layerSamples : d.layerSamples(),
                realSamples != null ? realSamples : d.realSamples(),
                nPerm != null ? nPerm : d.nPerm(),
                seed != null ? seed : d.seed(),
                learningRate != null ? learningRate : d.learningRate(),
                latentModes != null ? latentModes : d.latentModes());
    }
}
