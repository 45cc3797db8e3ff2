package io.aiopshub.ingest;

import java.util.List;

/**
 * The hand-over between log ingest and template mining. Lines taken are acknowledged only after they
 * were mined; lines taken but never acknowledged (the miner died) are delivered again.
 */
public interface LogLineQueue {

    /** Lines taken together, with what the queue needs to acknowledge them. */
    record Batch(List<LogLine> lines, List<String> ids) {

        public static Batch empty() {
            return new Batch(List.of(), List.of());
        }
    }

    /** Enqueues as many lines as fit; returns how many did. */
    int offer(List<LogLine> lines);

    Batch take(int max);

    void ack(Batch batch);
}
