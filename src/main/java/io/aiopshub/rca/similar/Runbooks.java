package io.aiopshub.rca.similar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runbook sections ({@code runbooks/*.md}, split at {@code ##} headings, each carrying its document
 * title) embedded at start; the most relevant ones for an incident are shown and fed to the prompt.
 */
public class Runbooks {

    /** One section of a runbook. */
    public record Section(String file, String heading, String text, double score) { }

    private record Indexed(String file, String heading, String text, float[] vector) { }

    private final Embeddings embeddings;
    private final Path directory;
    private final List<Indexed> sections = new ArrayList<>();
    private boolean indexed;

    public Runbooks(Embeddings embeddings, Path directory) {
        this.embeddings = embeddings;
        this.directory = directory;
    }

    /** Reads and embeds the runbooks on first use. */
    private synchronized void ensureIndexed() {
        if (indexed) {
            return;
        }
        indexed = true;
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                index(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read runbooks in " + directory, e);
        }
    }

    private void index(String file, String markdown) {
        String title = file;
        String heading = null;
        StringBuilder body = new StringBuilder();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("# ")) {
                title = line.substring(2).trim();
            } else if (line.startsWith("## ")) {
                add(file, title, heading, body);
                heading = line.substring(3).trim();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        add(file, title, heading, body);
    }

    private void add(String file, String title, String heading, StringBuilder body) {
        if (heading != null && !body.toString().isBlank()) {
            String name = title + " / " + heading;
            String text = body.toString().trim();
            sections.add(new Indexed(file, name, text, embeddings.embed(name + "\n" + text)));
        }
    }

    public List<Section> relevant(String description, int k) {
        ensureIndexed();
        if (sections.isEmpty()) {
            return List.of();
        }
        float[] query = embeddings.embed(description);
        return sections.stream()
                .map(s -> new Section(s.file(), s.heading(), s.text(), Embeddings.cosine(query, s.vector())))
                .sorted(Comparator.comparingDouble(Section::score).reversed()).limit(k).toList();
    }

    public int size() {
        ensureIndexed();
        return sections.size();
    }
}
