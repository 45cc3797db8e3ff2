package io.aiopshub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import org.apache.camel.CamelContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.AiopsHubApplication;

/**
 * The incident engine alone: starts the hub in this JVM on a fresh H2 file database (durable commits), holds
 * the engine (its route {@code incident-apply-inbox} stopped), fills the inbox with N all-new alerts through
 * the real ingest API (AlertLoadDriver's distinct alerts: 25 alertnames × 40 services, every instance new),
 * then starts the engine and times the drain. It prints alerts/s by wall clock and alerts per CPU second
 * of the engine's own thread (and of the whole process): on a shared machine the wall clock mostly says how
 * much CPU the engine was given, the CPU figure what an alert costs.
 * <p>
 * The fill and drain repeat for a number of rounds, each with alerts never seen before (joining the incidents
 * the earlier rounds opened). The first round runs on a cold JVM: its JIT compilers take as much CPU as the
 * engine, so it is printed as a warm-up and the later rounds say what a hub that has been running costs.
 * <p>
 * Usage: {@code [N] [--rounds R] [--jfr FILE]} (run from the project root: it loads {@code routes/} and
 * {@code config/}; N alerts per round, 3 rounds by default); with {@code --jfr} the last drain is recorded
 * (settings "profile") and the engine thread's hottest frames are printed. Hub settings can be added as {@code --key=value} arguments (e.g.
 * {@code --aiops.ingest.process-batch-size=5000}).
 */
public final class EngineApplyBenchmark {

    private static final String ENGINE_ROUTE = "incident-apply-inbox";
    /** The benchmark hub's only API token: made for this run, never a fixed value a listening hub would accept. */
    private static final String TOKEN = java.util.UUID.randomUUID().toString();

    private EngineApplyBenchmark() { }

    public static void main(String[] args) throws Exception {
        int count = 100_000;
        int rounds = 3;
        Path jfr = null;
        List<String> hubArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jfr")) {
                jfr = Path.of(args[++i]);
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].startsWith("--")) {
                hubArgs.add(args[i]);
            } else {
                count = Integer.parseInt(args[i]);
            }
        }
        Path data = Files.createTempDirectory("engine-bench");
        PrintStream out = System.out;
        try (ConfigurableApplicationContext hub = start(data, hubArgs)) {
            for (int round = 1; round <= rounds; round++) {
                out.printf("%n== round %d of %d%s%n", round, rounds, round == 1 && rounds > 1 ? " (warm-up: cold JIT)" : "");
                run(hub, count, (long) (round - 1) * count, round == rounds ? jfr : null, out);
            }
        } catch (Exception | Error failed) {
            // Said and ended here: a failed run must not wait for ever on the hub's non-daemon threads.
            org.slf4j.LoggerFactory.getLogger(EngineApplyBenchmark.class).error("The engine benchmark failed", failed);
            System.exit(1);
        } finally {
            deleteRecursively(data);
        }
        // Non-daemon threads of libraries may outlive the context; the measurement is done.
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(Path data, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("hub") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "--camel.cluster.file.root=" + data.resolve("cluster"),
                "--aiops.security.api-tokens=" + TOKEN,
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        args.addAll(extra);
        return SpringApplication.run(AiopsHubApplication.class, args.toArray(String[]::new));
    }

    private static void run(ConfigurableApplicationContext hub, int count, long offset, Path jfr, PrintStream out) throws Exception {
        CamelContext camel = hub.getBean(CamelContext.class);
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        String port = hub.getEnvironment().getProperty("local.server.port");
        camel.getRouteController().stopRoute(ENGINE_ROUTE);
        jdbc.update("delete from alert_inbox");

        long filled = fill("http://127.0.0.1:" + port, offset, count);
        long stored = inbox(jdbc);
        out.printf("inbox filled: %d alerts accepted, %d stored (engine held)%n", filled, stored);
        double[] load = loadAverage();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<Long, Long> cpuBefore = threadCpu(threads);
        long processCpuBefore = os.getProcessCpuTime();
        long gcBefore = gcMillis();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        Recording recording = null;
        if (jfr != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
        }
        long started = System.nanoTime();
        camel.getRouteController().startRoute(ENGINE_ROUTE);
        // The timer's first tick comes after its start delay: the rate is timed from the first committed batch
        // to the last, over the events those batches took.
        long left = stored;
        long firstAt = 0;
        long leftAtFirst = stored;
        while (left > 0) {
            // Counting the inbox costs CPU the engine would use: often enough for the timing, no more.
            Thread.sleep(50);
            left = inbox(jdbc);
            if (firstAt == 0 && left < stored) {
                firstAt = System.nanoTime();
                leftAtFirst = left;
            }
            if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
                throw new IllegalStateException("the engine did not drain the inbox in 30 minutes; " + left + " left");
            }
        }
        long ended = System.nanoTime();
        long processCpu = os.getProcessCpuTime() - processCpuBefore;
        long gc = gcMillis() - gcBefore;
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        Map<Long, Long> cpuAfter = threadCpu(threads);
        if (recording != null) {
            recording.stop();
            recording.dump(jfr);
            recording.close();
        }
        double[] loadAfter = loadAverage();

        Map<Long, String> names = threadNames(threads);
        long engineCpu = 0;
        List<Map.Entry<String, Long>> busiest = new ArrayList<>();
        for (Map.Entry<Long, Long> after : cpuAfter.entrySet()) {
            long delta = after.getValue() - cpuBefore.getOrDefault(after.getKey(), 0L);
            String name = names.getOrDefault(after.getKey(), "?");
            if (name.contains(ENGINE_ROUTE)) {
                engineCpu += delta;
            }
            busiest.add(Map.entry(name, delta));
        }
        busiest.sort(Map.Entry.<String, Long>comparingByValue().reversed());

        double wall = (ended - firstAt) / 1e9;
        long timed = leftAtFirst;
        out.printf("nproc %d, load average %.2f -> %.2f%n", Runtime.getRuntime().availableProcessors(), load[0], loadAfter[0]);
        out.printf("drained %d events; %d of them after the first batch in %.2f s wall (first tick %.2f s after start)%n",
                stored, timed, wall, (firstAt - started) / 1e9);
        out.printf("engine apply: %.0f alerts/s wall | engine thread %.2f CPU s = %.0f alerts per engine CPU second "
                        + "(%.1f µs per alert) | process %.2f CPU s = %.0f alerts per process CPU second%n",
                timed / wall, engineCpu / 1e9, stored / (engineCpu / 1e9), engineCpu / 1e3 / stored,
                processCpu / 1e9, stored / (processCpu / 1e9));
        // The JIT compilers' and the collector's threads are not Java threads: ThreadMXBean does not list them.
        out.printf("beside the Java threads: JIT compiling %.2f s, garbage collection %.2f s (elapsed, all threads)%n",
                jit / 1e3, gc / 1e3);
        out.println("busiest threads during the drain (CPU s):");
        busiest.stream().limit(8).forEach(e -> out.printf("  %8.2f  %s%n", e.getValue() / 1e9, e.getKey()));
        if (jfr != null) {
            printProfile(jfr, out);
        }
    }

    /** Posts distinct alerts (every one new: numbered from {@code offset}) in batches of 100 from 4 senders until {@code count} were accepted. */
    private static long fill(String url, long offset, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(url + "/api/v1/alerts/alertmanager");
        AlertLoadDriver.Options options = new AlertLoadDriver.Options(url, TOKEN, "distinct", Duration.ZERO, 4, 100, "hub");
        String startsAt = Instant.now().minusSeconds(600).toString();
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(options.concurrency());
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < options.concurrency(); w++) {
            done.add(senders.submit(() -> {
                long first;
                while ((first = next.getAndAdd(options.batch())) < count) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofString(AlertLoadDriver.batch(options, offset + first, startsAt))).build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
                    }
                    accepted.addAndGet(options.batch());
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }
        return accepted.get();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static long inbox(JdbcTemplate jdbc) {
        Long n = jdbc.queryForObject("select count(*) from alert_inbox", Long.class);
        return n == null ? 0 : n;
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long time = threads.getThreadCpuTime(id);
            if (time >= 0) {
                cpu.put(id, time);
            }
        }
        return cpu;
    }

    private static Map<Long, String> threadNames(ThreadMXBean threads) {
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return names;
    }

    private static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return new double[] {Double.parseDouble(parts[0])};
        } catch (IOException | RuntimeException e) {
            return new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
        }
    }

    /**
     * The engine thread's execution samples: the methods most often on its stack (each counted once per
     * sample), then the hottest leaf frames.
     */
    private static void printProfile(Path jfr, PrintStream out) throws IOException {
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
            RecordedStackTrace stack = event.getStackTrace();
            if (thread == null || !thread.contains(ENGINE_ROUTE) || stack == null) {
                continue;
            }
            samples++;
            Set<String> seen = new HashSet<>();
            List<RecordedFrame> frames = stack.getFrames();
            for (int i = 0; i < frames.size(); i++) {
                String method = frames.get(i).getMethod().getType().getName() + "." + frames.get(i).getMethod().getName();
                if (i == 0) {
                    self.merge(method, 1, Integer::sum);
                }
                if (seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        out.printf("engine thread: %d execution samples (recording in %s)%n", samples, jfr);
        print("on the stack", inclusive, samples, 45, out);
        print("leaf", self, samples, 20, out);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int limit, PrintStream out) {
        out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(limit)
                .forEach(e -> out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
