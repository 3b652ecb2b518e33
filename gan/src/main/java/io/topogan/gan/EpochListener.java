package io.topogan.gan;

/** Receives progress after every training batch, for example to print losses and an ETA. */
@FunctionalInterface
public interface EpochListener {

    /** A listener that ignores all progress. */
    EpochListener NONE = progress -> { };

    /** Called on the training thread after each batch; keep it cheap. */
    void onBatch(BatchProgress progress);
}
