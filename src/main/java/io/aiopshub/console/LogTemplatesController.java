package io.aiopshub.console;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.aiopshub.analysis.logs.LogTemplateRates;
import io.aiopshub.analysis.logs.LogTemplateRates.Rate;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.redact.Redactor;

/**
 * The log templates the miner found, per service, busiest first. A template is the constant part of many
 * lines, so a secret every line carried can be in it: it is shown redacted.
 */
@Controller
public class LogTemplatesController {

    static final int PAGE_SIZE = 50;
    /** log_templates.service holds 256 characters. */
    static final int MAX_SERVICE_LENGTH = 256;

    public record TemplateRow(String service, String templateId, String template, long occurrences,
                              String recentPerMinute, String averagePerMinute, String level, Instant firstSeen,
                              Instant lastSeen) { }

    private final LogTemplateRates rates;
    private final Redactor redactor;
    private final Clock clock;

    public LogTemplatesController(LogTemplateRates rates, Redactor redactor, Clock clock) {
        this.rates = rates;
        this.redactor = redactor;
        this.clock = clock;
    }

    @GetMapping("/console/log-templates")
    String list(@RequestParam(required = false) String service, @RequestParam(required = false) String page,
                Model model) {
        String chosen = service == null || service.isBlank() ? null : service.trim();
        if (chosen != null && chosen.length() > MAX_SERVICE_LENGTH) {
            throw new PayloadValidationException("service", "must be at most " + MAX_SERVICE_LENGTH + " characters");
        }
        int p = Pager.page("page", page);
        List<TemplateRow> rows = rates.page(chosen, clock.instant(), p, PAGE_SIZE).stream().map(this::row).toList();
        model.addAttribute("service", chosen);
        model.addAttribute("services", rates.services().stream().map(redactor::redact).toList());
        model.addAttribute("templates", rows);
        model.addAttribute("pager", Pager.ofTotal("page", p, PAGE_SIZE, rates.count(chosen)));
        return "console/log-templates";
    }

    private TemplateRow row(Rate r) {
        return new TemplateRow(redactor.redact(r.service()), r.templateId(), redactor.redact(r.template()),
                r.occurrences(), r.recentPerMinute() == null ? null : perMinute(r.recentPerMinute()),
                perMinute(r.averagePerMinute()), r.level(), r.firstSeen(), r.lastSeen());
    }

    private static String perMinute(double rate) {
        return String.format(Locale.ROOT, rate >= 10 ? "%.0f" : "%.2f", rate);
    }
}
