package io.aiopshub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Camel's routes with their status and Camel's own counters (the table re-fetched by htmx every 5 seconds),
 * and the route files with their validation state. Read-only: starting and stopping routes stays with
 * deployments and the route files, so a console session cannot change what the hub runs.
 */
@Controller
public class RoutesController {

    private final RouteStatistics statistics;
    private final RouteFilesView files;

    public RoutesController(RouteStatistics statistics, RouteFilesView files) {
        this.statistics = statistics;
        this.files = files;
    }

    @GetMapping("/console/routes")
    String page(Model model) {
        rows(model);
        model.addAttribute("files", files.files());
        model.addAttribute("reloading", files.reloading());
        return "console/routes";
    }

    /** The route table's body alone, for htmx's polling. */
    @GetMapping("/console/routes/rows")
    String rows(Model model) {
        model.addAttribute("routes", statistics.routes(files.fileOfRoute()));
        return "console/routes :: rows";
    }
}
