package io.aiopshub.rca.similar;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The in-process all-MiniLM-L6-v2 (quantised) model, shipped in its jar: no download, no service.
 * <p>
 * Closed with the application context: ONNX Runtime's native state is torn down when the process exits, and an
 * inference still running on another thread at that moment crashes the JVM (SIGSEGV in libonnxruntime). So
 * closing waits for the inferences under way and refuses new ones; a caller then gets
 * {@link ClosedException} instead of a crash.
 */
public final class Embeddings implements AutoCloseable {

    /** Thrown by {@link #embed} once the hub is shutting down. */
    public static final class ClosedException extends IllegalStateException {
        ClosedException() {
            super("the embedding model is closed: the hub is shutting down");
        }
    }

    private static final long CLOSE_WAIT_SECONDS = 30;

    /** Inferences hold the read side; closing takes the write side, so it waits for them. */
    private final ReadWriteLock inUse = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Loaded on first use: it takes a second or two, and many hubs never need it. */
    private volatile EmbeddingModel model;

    public float[] embed(String text) {
        if (!inUse.readLock().tryLock()) {
            throw new ClosedException();
        }
        try {
            if (closed) {
                throw new ClosedException();
            }
            return model().embed(text.length() > 2000 ? text.substring(0, 2000) : text).content().vector();
        } finally {
            inUse.readLock().unlock();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        // Held until the process ends: no inference starts after this point.
        inUse.writeLock().tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                loaded = model;
            }
        }
        return loaded;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
