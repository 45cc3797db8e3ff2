package io.aiopshub.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.apache.camel.util.AntPathMatcher;

/**
 * Finds route files under a directory for an Ant-style pattern ({@code *.yaml}, {@code **}{@code /*.yaml}),
 * following symbolic links: a {@code routes} directory that is a link (a mounted volume, a Kubernetes
 * ConfigMap, a deploy tool's "current" link) and linked files count like real ones. Camel 4.17's own file
 * scan does not follow links, so a linked directory loaded no routes at all. Hidden entries (names starting
 * with a dot, such as a ConfigMap's {@code ..data}) are skipped, as Camel does. Paths are returned through
 * the given directory, not resolved to their targets, so that the names stay the ones the operator wrote.
 */
public final class RouteFileFinder {

    private RouteFileFinder() { }

    /** Regular files (or links to them) under {@code directory} whose relative path matches {@code pattern}, sorted. */
    public static List<Path> find(Path directory, String pattern) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : pattern.split("/").length;
        try {
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(directory) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    if (attributes.isRegularFile() && !relative.startsWith(".") && !relative.contains("/.")
                            && AntPathMatcher.INSTANCE.match(pattern, relative)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A dangling link or a link cycle: not a route file; the others still count.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list route directory " + directory, e);
        }
        found.sort(null);
        return found;
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
