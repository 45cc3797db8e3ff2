package io.aiopshub.rca.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Closing the model (with the application context) waits for the inferences under way and refuses new
 * ones, so no ONNX inference is still running when the process exits.
 */
class EmbeddingsCloseTest {

    @Test
    void closingWaitsForRunningInferencesAndRefusesNewOnes() throws Exception {
        Embeddings embeddings = new Embeddings();
        assertThat(embeddings.embed("disk full on db-7")).hasSize(384);

        AtomicInteger finished = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        CompletableFuture<?>[] workers = new CompletableFuture<?>[2];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = CompletableFuture.runAsync(() -> {
                started.countDown();
                try {
                    while (true) {
                        running.incrementAndGet();
                        try {
                            embeddings.embed("the checkout service returns HTTP 503 ".repeat(40));
                        } finally {
                            running.decrementAndGet();
                        }
                        finished.incrementAndGet();
                    }
                } catch (Embeddings.ClosedException expected) {
                    // the loop ends when the model closes
                }
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);

        assertThat(finished.get()).as("inferences ran while the model was open").isPositive();
        embeddings.close();
        // The workers were inside the model or about to enter it: each stops at its next call, none hangs.
        CompletableFuture.allOf(workers).get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> embeddings.embed("after close")).isInstanceOf(Embeddings.ClosedException.class)
                .hasMessageContaining("shutting down");
        assertThat(running.get()).isZero();
    }
}
