package io.aiopshub.routes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line check of route files, with no hub running: {@code bin/validate-routes [files or dirs]}
 * (default {@code routes/}). Prints {@code file: OK} or {@code file: INVALID: message (with line)} and
 * exits with 1 when any file is invalid.
 */
public final class RouteValidator {

    private RouteValidator() { }

    public static void main(String[] args) throws IOException {
        int status = run(args.length == 0 ? List.of("routes") : List.of(args), System.out);
        System.exit(status);
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        for (String arg : args) {
            for (Path file : yamlFiles(Path.of(arg))) {
                files.put(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        if (files.isEmpty()) {
            out.println("no route files found in " + args);
            return 1;
        }
        int invalid = 0;
        for (RouteFileValidator.FileResult result : new RouteFileValidator().validate(files).values()) {
            if (result.valid()) {
                out.println(result.file() + ": OK (" + result.routeIds().size() + " routes)");
            } else {
                invalid++;
                out.println(result.file() + ": INVALID: " + result.problem());
            }
        }
        out.println(files.size() + " files, " + invalid + " invalid");
        return invalid == 0 ? 0 : 1;
    }

    private static List<Path> yamlFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files = new ArrayList<>(RouteFileFinder.find(path, "*.yaml"));
        files.addAll(RouteFileFinder.find(path, "*.yml"));
        files.sort(null);
        return files;
    }
}
