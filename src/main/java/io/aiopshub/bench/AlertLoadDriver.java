package io.aiopshub.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for the ingest API: posts Alertmanager webhook batches to a running hub from N concurrent
 * workers for a fixed time and reports accepted alerts/s and request latency percentiles.
 * <ul>
 *   <li>{@code repeat}: 1,000 distinct alerts re-sent over and over, as Prometheus does (dedup path);</li>
 *   <li>{@code distinct}: every alert new (durable-store path).</li>
 * </ul>
 * With {@code --target alertmanager} the same alerts go to an Alertmanager's {@code POST /api/v2/alerts} as a JSON
 * array (its native API; no token), so that both can be measured side by side with identical load.
 * Usage: {@code --url http://localhost:8080 --token T --mode repeat|distinct --duration 30s --concurrency 8 --batch 100
 * [--target hub|alertmanager]}.
 * Only loopback or the caller's own test hosts are meant as targets; the run is bounded by --duration.
 */
public final class AlertLoadDriver {

    private AlertLoadDriver() { }

    record Options(String url, String token, String mode, Duration duration, int concurrency, int batch,
                   String target) {

        boolean alertmanager() {
            return "alertmanager".equals(target);
        }

        static Options parse(String[] args) {
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                map.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return new Options(map.getOrDefault("url", "http://localhost:8080"), map.getOrDefault("token", ""),
                    map.getOrDefault("mode", "repeat"), Duration.ofSeconds(Long.parseLong(
                            map.getOrDefault("duration", "30s").replace("s", ""))),
                    Integer.parseInt(map.getOrDefault("concurrency", "8")), Integer.parseInt(map.getOrDefault("batch", "100")),
                    map.getOrDefault("target", "hub"));
        }
    }

    record Result(long alerts, long requests, long failures, double seconds, long[] latenciesMicros) {

        double alertsPerSecond() {
            return alerts / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Result result = run(options);
        report(options, result, System.out);
    }

    static Result run(Options options) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(options.url() + (options.alertmanager() ? "/api/v2/alerts" : "/api/v1/alerts/alertmanager"));
        int accepted = options.alertmanager() ? 200 : 202;
        AtomicLong sequence = new AtomicLong();
        AtomicLong alerts = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        String startsAt = Instant.now().minusSeconds(600).toString();
        long deadline = System.nanoTime() + options.duration().toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency());
        List<Future<List<Long>>> futures = new ArrayList<>();
        long began = System.nanoTime();
        for (int w = 0; w < options.concurrency(); w++) {
            futures.add(workers.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    long first = sequence.getAndAdd(options.batch());
                    String body = batch(options, first, startsAt);
                    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json");
                    if (!options.alertmanager()) {
                        builder.header("Authorization", "Bearer " + options.token());
                    }
                    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t0 = System.nanoTime();
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    latencies.add((System.nanoTime() - t0) / 1000);
                    if (response.statusCode() == accepted) {
                        alerts.addAndGet(options.batch());
                    } else {
                        failures.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get());
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        workers.shutdown();
        return new Result(alerts.get(), all.size(), failures.get(), seconds, all.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * One batch: an Alertmanager webhook body for the hub, a bare alert array for Alertmanager's v2 API (which
     * has no status field and reads a missing endsAt as "no end announced"). In repeat mode the alert ids
     * cycle through 1,000 distinct alerts.
     */
    static String batch(Options options, long first, String startsAt) {
        boolean am = options.alertmanager();
        StringBuilder body = new StringBuilder(256 * options.batch())
                .append(am ? "[" : "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"aiops-hub\",\"alerts\":[");
        for (int i = 0; i < options.batch(); i++) {
            long n = first + i;
            long id = options.mode().equals("repeat") ? n % 1000 : n;
            if (i > 0) {
                body.append(',');
            }
            body.append(am ? "{" : "{\"status\":\"firing\",").append("\"labels\":{\"alertname\":\"LoadTest").append(id % 25)
                    .append("\",\"service\":\"svc-").append(id % 40).append("\",\"instance\":\"host-").append(id)
                    .append(":9100\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"load test alert ")
                    .append(id).append("\"},\"startsAt\":\"").append(startsAt)
                    .append(am ? "\"" : "\",\"endsAt\":\"0001-01-01T00:00:00Z\"")
                    .append(",\"generatorURL\":\"http://prometheus:9090/graph\"}");
        }
        return body.append(am ? "]" : "]}").toString();
    }

    static void report(Options options, Result result, PrintStream out) {
        out.printf("target=%s mode=%s concurrency=%d batch=%d duration=%.1fs%n", options.target(), options.mode(), options.concurrency(),
                options.batch(), result.seconds());
        out.printf("%-12s %12s%n", "requests", result.requests());
        out.printf("%-12s %12s%n", "failures", result.failures());
        out.printf("%-12s %12s%n", "alerts", result.alerts());
        out.printf("%-12s %12.1f ms%n", "p50", result.percentileMillis(50));
        out.printf("%-12s %12.1f ms%n", "p99", result.percentileMillis(99));
        out.printf("accepted %.0f alerts/s p50 %.1f ms p99 %.1f ms%n", result.alertsPerSecond(),
                result.percentileMillis(50), result.percentileMillis(99));
    }
}
