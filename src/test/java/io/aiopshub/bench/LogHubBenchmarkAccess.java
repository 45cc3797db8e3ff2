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

    /** One file in LogHub's structured CSV layout, read as the benchmark reads each system's. */
    public static LogHubBenchmark.Corpus read(String system, Path csv) throws IOException {
        return LogHubBenchmark.read(system, csv);
    }
}
