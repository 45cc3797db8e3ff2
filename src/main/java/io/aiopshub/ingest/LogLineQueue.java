package io.aiopshub.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.springframework.stereotype.Component;

import io.aiopshub.config.HubProperties;

/**
 * The hand-over between log ingest and template mining: bounded, in process. A full queue refuses
 * lines (the API answers 429 for them) instead of growing without limit. Not durable: lines accepted
 * but not yet mined are lost if the process dies (a Redis Stream would keep them; not built yet).
 */
@Component
public class LogLineQueue {

    private final BlockingQueue<LogLine> queue;

    public LogLineQueue(HubProperties properties) {
        this.queue = new ArrayBlockingQueue<>(properties.getIngest().getLogQueueCapacity());
    }

    /** Enqueues as many lines as fit; returns how many did. */
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

    public List<LogLine> take(int max) {
        List<LogLine> batch = new ArrayList<>(Math.min(max, queue.size()));
        queue.drainTo(batch, max);
        return batch;
    }

    public int size() {
        return queue.size();
    }
}
