package io.aiopshub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages use the benchmark's loader and metric. */
public final class LogHubBenchmarkAccess {

    private LogHubBenchmarkAccess() { }

    public static double groupingAccuracy(List<String> assigned, List<String> truth) {
        return LogHubBenchmark.groupingAccuracy(assigned, truth);
    }

    public static List<LogHubBenchmark.Corpus> load(Path dir) throws IOException {
        return LogHubBenchmark.load(dir);
    }
}
