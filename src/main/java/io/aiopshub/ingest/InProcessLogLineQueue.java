package io.aiopshub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The embedded default: bounded and in process. A full queue refuses lines (the API answers 429 for
 * them) instead of growing without limit. Not durable: lines not yet mined are lost if the process
 * dies; with Redis configured the hub uses {@link RedisLogLineQueue} instead.
 */
public class InProcessLogLineQueue implements LogLineQueue {

    private final BlockingQueue<LogLine> queue;

    public InProcessLogLineQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public int offer(List<LogLine> lines) {
        int accepted = 0;
        for (LogLine line : lines) {
            if (!queue.offer(line)) {
                break;
            }
            accepted++;
        }
        return accepted;
    }

    @Override
    public Batch take(int max) {
        List<LogLine> lines = new ArrayList<>(Math.min(max, queue.size()));
        queue.drainTo(lines, max);
        return new Batch(lines, List.of());
    }

    @Override
    public void ack(Batch batch) {
        // Taking already removed the lines.
    }
}
