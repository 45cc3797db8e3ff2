package io.aiopshub.console;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import io.aiopshub.api.IncidentFilters;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.store.IncidentEntity;
import io.aiopshub.store.IncidentRepository;

/**
 * The incident list (its rows re-fetched by htmx when {@link IncidentStreams} says the incidents changed, so
 * new incidents appear without a reload) and one incident. The detail is what the API answers, redaction
 * included: the console shows nothing the API would not.
 */
@Controller
public class IncidentsController {

    static final int PAGE_SIZE = 100;

    private final IncidentRepository incidents;
    private final IncidentFilters filters;
    private final ConsoleLiveProperties live;
    private final IncidentApi incidentApi;
    private final ActionApi actionApi;
    private final ObjectMapper json;

    public IncidentsController(IncidentRepository incidents, IncidentFilters filters, IncidentApi incidentApi,
                               ActionApi actionApi, ObjectMapper json, ConsoleLiveProperties live) {
        this.incidents = incidents;
        this.filters = filters;
        this.live = live;
        this.incidentApi = incidentApi;
        this.actionApi = actionApi;
        this.json = json;
    }

    /**
     * The list. A filter that holds no allowed value answers 400 with the form as typed and what is wrong
     * with it, so a mistyped label filter can be corrected in place.
     */
    @GetMapping("/console/incidents")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String severity,
                @RequestParam(required = false) String service, @RequestParam(required = false) String group,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        // Read as given: a single label=a=b,c would otherwise be split on its comma by Spring's List binding.
        IncidentFilter filter = IncidentFilter.given(status, severity, service, request.getParameterValues("label"), group);
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", IncidentFilter.STATUSES);
        model.addAttribute("severities", IncidentFilter.SEVERITIES);
        model.addAttribute("live", live);
        try {
            rows(filter, model);
        } catch (PayloadValidationException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", e.getProblems());
        }
        return "console/incidents";
    }

    /** The table body alone, re-fetched with the page's filters when the incidents change. */
    @GetMapping("/console/incidents/rows")
    String rows(@RequestParam(required = false) String status, @RequestParam(required = false) String severity,
                @RequestParam(required = false) String service, @RequestParam(required = false) String group,
                HttpServletRequest request, Model model) {
        IncidentFilter filter = IncidentFilter.given(status, severity, service, request.getParameterValues("label"), group);
        model.addAttribute("filter", filter);
        rows(filter, model);
        return "console/incidents :: rows";
    }

    private void rows(IncidentFilter filter, Model model) {
        Map<String, String> labels = filter.check();
        IncidentFilters.Page page = filters.search(filter.status(), filter.severity(), filter.service(), null, null,
                filter.group(), labels, 0, PAGE_SIZE);
        Map<String, IncidentEntity> byId = new HashMap<>();
        incidents.findAllById(page.ids()).forEach(i -> byId.put(i.getId(), i));
        model.addAttribute("incidents", page.ids().stream().map(byId::get).filter(Objects::nonNull).toList());
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
