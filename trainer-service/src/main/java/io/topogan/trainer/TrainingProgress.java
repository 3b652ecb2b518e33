package io.topogan.trainer;

/**
 * Progress of a run as the trainer stores it beside its training state, under
 * {@code runs/{run}/resume/progress.json}.
 *
 * @param epochsCompleted epochs whose training, checkpoint and state are stored
 * @param state {@code RUNNING}, {@code COMPLETED}, {@code STOPPED} or {@code FAILED}
 */
public record TrainingProgress(int epochsCompleted, String state) {
}
