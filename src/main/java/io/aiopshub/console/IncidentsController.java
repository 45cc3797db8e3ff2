package io.aiopshub.console;

import java.io.UncheckedIOException;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.api.ActionApi;
import io.aiopshub.api.IncidentApi;
import io.aiopshub.store.IncidentRepository;

/**
 * The incident list (its rows re-fetched by htmx every few seconds, so new incidents appear without a
 * reload) and one incident. The detail is what the API answers, redaction included: the console shows
 * nothing the API would not.
 */
@Controller
public class IncidentsController {

    static final int PAGE_SIZE = 100;

    private final IncidentRepository incidents;
    private final IncidentApi incidentApi;
    private final ActionApi actionApi;
    private final ObjectMapper json;

    public IncidentsController(IncidentRepository incidents, IncidentApi incidentApi, ActionApi actionApi,
                               ObjectMapper json) {
        this.incidents = incidents;
        this.incidentApi = incidentApi;
        this.actionApi = actionApi;
        this.json = json;
    }

    @GetMapping("/console/incidents")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String severity,
                @RequestParam(required = false) String service, Model model) {
        rows(status, severity, service, model);
        model.addAttribute("statuses", IncidentFilter.STATUSES);
        model.addAttribute("severities", IncidentFilter.SEVERITIES);
        return "console/incidents";
    }

    /** The table body alone, for htmx's polling. */
    @GetMapping("/console/incidents/rows")
    String rows(@RequestParam(required = false) String status, @RequestParam(required = false) String severity,
                @RequestParam(required = false) String service, Model model) {
        IncidentFilter filter = IncidentFilter.of(status, severity, service);
        model.addAttribute("filter", filter);
        model.addAttribute("incidents", incidents.search(filter.status(), filter.severity(), filter.service(),
                null, null, PageRequest.of(0, PAGE_SIZE)).getContent());
        return "console/incidents :: rows";
    }

    @GetMapping("/console/incidents/{id}")
    String incident(@PathVariable String id, Model model) {
        JsonNode detail = read(incidentApi.get(id));
        model.addAttribute("detail", detail);
        model.addAttribute("incident", detail.path("incident"));
        model.addAttribute("analysis", detail.path("analysis"));
        JsonNode runs = read(actionApi.list(detail.path("incident").path("id").asText(), null, "0", "50")).path("items");
        model.addAttribute("runs", runs.isArray() ? java.util.stream.StreamSupport.stream(runs.spliterator(), false)
                .map(run -> read(actionApi.get(run.path("id").asText()))).toList() : java.util.List.of());
        return "console/incident";
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
