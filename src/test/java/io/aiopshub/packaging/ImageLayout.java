package io.aiopshub.packaging;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the image built from the project's Dockerfile holds, rebuilt on the local disk without a Docker
 * engine: the runtime stage's files from the build context (after {@code .dockerignore}) under a fake
 * container root, and the application jar's contents modelled from {@code target/classes}, minus the
 * resource directories of {@code pom.xml} that the build stage never copied (Maven would not have found them).
 */
final class ImageLayout {

    /** A {@code <resource>} of pom.xml: its directory in the project and where it lands in the jar. */
    record Resource(String directory, String targetPath) { }

    private final Path context;
    private final Dockerfile dockerfile;
    private final List<PathMatcher> ignored;

    ImageLayout(Path context) throws IOException {
        this.context = context.toAbsolutePath().normalize();
        this.dockerfile = Dockerfile.read(this.context.resolve("Dockerfile"));
        this.ignored = dockerIgnore(this.context.resolve(".dockerignore"));
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    /** Copies what the runtime stage takes from the build context to {@code root} (the container's "/"). */
    void copyRuntimeFiles(Path root) throws IOException {
        for (Dockerfile.Copy copy : dockerfile.runtime().copies()) {
            if (copy.from() == null) {
                copyFromContext(copy, root);
            }
        }
    }

    /** Context paths (normalised, relative) that a stage copies from the build context. */
    List<String> contextSources(Dockerfile.Stage stage) {
        return stage.copies().stream().filter(c -> c.from() == null).flatMap(c -> c.sources().stream())
                .map(ImageLayout::normalise).toList();
    }

    /** True when a stage's COPY lines bring {@code path} (relative to the context) into that stage. */
    boolean copies(Dockerfile.Stage stage, String path) {
        String wanted = normalise(path);
        return !isIgnored(wanted) && contextSources(stage).stream()
                .anyMatch(s -> s.isEmpty() || wanted.equals(s) || wanted.startsWith(s + "/"));
    }

    static List<Resource> pomResources(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(pom.toFile());
        List<Resource> resources = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName("resource");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element resource = (Element) nodes.item(i);
            if (!"resources".equals(resource.getParentNode().getNodeName())
                    || !"build".equals(resource.getParentNode().getParentNode().getNodeName())) {
                continue;
            }
            resources.add(new Resource(text(resource, "directory"), text(resource, "targetPath")));
        }
        return resources;
    }

    /**
     * The jar's contents as the build stage would produce them: {@code target/classes}, without the files
     * of each pom resource directory that the build stage does not copy.
     */
    void copyJarContents(Dockerfile.Stage build, Path classes, Path into) throws Exception {
        copyTree(classes, into, false);
        for (Resource resource : pomResources(context.resolve("pom.xml"))) {
            Path source = context.resolve(resource.directory());
            if (copies(build, resource.directory()) || !Files.isDirectory(source)) {
                continue;
            }
            Path target = resource.targetPath() == null ? into : into.resolve(resource.targetPath());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.deleteIfExists(target.resolve(source.relativize(file).toString()));
                }
            }
        }
    }

    private void copyFromContext(Dockerfile.Copy copy, Path root) throws IOException {
        boolean intoDirectory = copy.destination().endsWith("/") || copy.sources().size() > 1;
        Path destination = inRoot(root, Dockerfile.resolve(copy.workdir(), copy.destination()));
        for (String source : copy.sources()) {
            String relative = normalise(source);
            Path from = context.resolve(relative).normalize();
            if (!from.startsWith(context) || !Files.exists(from) || isIgnored(relative)) {
                throw new IllegalStateException("COPY " + source + ": not in the build context (docker build fails here)");
            }
            if (Files.isDirectory(from)) {
                copyTree(from, destination, true);
            } else {
                Path target = intoDirectory ? destination.resolve(from.getFileName().toString()) : destination;
                Files.createDirectories(target.getParent());
                Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void copyTree(Path from, Path to, boolean honourDockerIgnore) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                if (honourDockerIgnore && isIgnored(context.relativize(file).toString())) {
                    continue;
                }
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Docker's rule: a path is excluded when it or one of its parent directories matches a pattern. */
    private boolean isIgnored(String relative) {
        Path path = Path.of(relative.isEmpty() ? "." : relative);
        for (Path prefix = path; prefix != null; prefix = prefix.getParent()) {
            for (PathMatcher matcher : ignored) {
                if (matcher.matches(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<PathMatcher> dockerIgnore(Path file) throws IOException {
        List<PathMatcher> matchers = new ArrayList<>();
        if (!Files.exists(file)) {
            return matchers;
        }
        for (String line : Files.readAllLines(file)) {
            String pattern = line.trim();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            if (pattern.startsWith("!")) {
                throw new IllegalStateException(".dockerignore exceptions (!) are not modelled: " + pattern);
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + normalise(pattern)));
        }
        return matchers;
    }

    private static Path inRoot(Path root, String containerPath) {
        return root.resolve(containerPath.substring(1));
    }

    private static String normalise(String path) {
        String normalised = Path.of(path.startsWith("/") ? path.substring(1) : path).normalize().toString();
        return normalised.equals(".") ? "" : normalised;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
