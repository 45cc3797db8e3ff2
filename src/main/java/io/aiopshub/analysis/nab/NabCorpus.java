package io.aiopshub.analysis.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a NAB directory (data/, labels/combined_windows.json, results/<detector>/). */
public final class NabCorpus {

    /** One data file: its key (category/file.csv), timestamps and values. */
    public record Series(String key, List<LocalDateTime> timestamps, double[] values) { }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabCorpus() { }

    public static Map<String, List<String[]>> windows(Path nab) throws IOException {
        return new ObjectMapper().readValue(nab.resolve("labels/combined_windows.json").toFile(),
                new TypeReference<TreeMap<String, List<String[]>>>() { });
    }

    public static List<Series> data(Path nab) throws IOException {
        List<Series> series = new ArrayList<>();
        try (Stream<Path> files = Files.walk(nab.resolve("data"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                List<LocalDateTime> times = new ArrayList<>();
                double[] values = new double[lines.size() - 1];
                for (int i = 1; i < lines.size(); i++) {
                    String[] cells = lines.get(i).split(",");
                    times.add(LocalDateTime.parse(cells[0].substring(0, 19), TIME));
                    values[i - 1] = Double.parseDouble(cells[1]);
                }
                series.add(new Series(nab.resolve("data").relativize(file).toString(), times, values));
            }
        }
        return series;
    }

    /** Scores of a published detector (results/<detector>/<category>/<detector>_<file>.csv, column anomaly_score). */
    public static double[] publishedScores(Path nab, String detector, String key) throws IOException {
        String[] parts = key.split("/");
        Path file = nab.resolve("results").resolve(detector).resolve(parts[0]).resolve(detector + "_" + parts[1]);
        List<String> lines = Files.readAllLines(file);
        int column = List.of(lines.get(0).split(",")).indexOf("anomaly_score");
        double[] scores = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            scores[i - 1] = Double.parseDouble(lines.get(i).split(",")[column]);
        }
        return scores;
    }

    /** Prepares a file for the scorer: window limits become row index ranges. */
    public static NabScorer.File file(Series series, List<String[]> windows, double[] scores) {
        List<int[]> ranges = new ArrayList<>();
        Function<String, LocalDateTime> parse = t -> LocalDateTime.parse(t.substring(0, 19), TIME);
        for (String[] window : windows) {
            LocalDateTime start = parse.apply(window[0]);
            LocalDateTime end = parse.apply(window[1]);
            int first = -1;
            int last = -1;
            for (int i = 0; i < series.timestamps().size(); i++) {
                LocalDateTime t = series.timestamps().get(i);
                if (!t.isBefore(start) && !t.isAfter(end)) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first >= 0) {
                ranges.add(new int[] {first, last});
            }
        }
        return new NabScorer.File(scores, ranges);
    }
}
