package io.aiopshub.console;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.aiopshub.api.ApiLimits;
import io.aiopshub.api.NotFoundException;
import io.aiopshub.incident.SilenceService;
import io.aiopshub.incident.SilenceService.MatcherView;
import io.aiopshub.ingest.PayloadValidationException;

/**
 * Silences: the list, one created from the labels of an incident the person ticked, and expiry. The same
 * checks as the API's: {@link SilenceService#validateMatchers} (no silence that mutes everything) and the
 * longest duration of {@code aiops.api.silences.max-duration}; the creator is the logged-in person
 * ({@link ConsoleIdentity#shown}: the token's name, or the {@code oidc:} identity).
 */
@Controller
public class SilencesController {

    static final int MAX_COMMENT_LENGTH = 1000;

    private final SilenceService silences;
    private final Clock clock;
    private final ApiLimits limits;

    public SilencesController(SilenceService silences, Clock clock, ApiLimits limits) {
        this.silences = silences;
        this.clock = clock;
        this.limits = limits;
    }

    @GetMapping("/console/silences")
    String list(Model model) {
        model.addAttribute("silences", silences.list());
        return "console/silences";
    }

    /**
     * {@code matcher}: {@code name=value} pairs (an incident's labels, as its page offers them); {@code hours}:
     * how long from now.
     */
    @PostMapping("/console/silences")
    String create(@RequestParam(name = "matcher", required = false) List<String> pairs,
                  @RequestParam(required = false) String hours, @RequestParam(required = false) String comment,
                  Principal person, RedirectAttributes flash) {
        List<MatcherView> matchers = new ArrayList<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new PayloadValidationException("matcher", "must be name=value");
            }
            matchers.add(new MatcherView(pair.substring(0, eq), "=", pair.substring(eq + 1)));
        }
        if (matchers.size() > limits.getSilences().getMaxMatchers()) {
            throw new PayloadValidationException("matcher", "at most " + limits.getSilences().getMaxMatchers() + " matchers");
        }
        SilenceService.validateMatchers(matchers);
        Duration length = duration(hours);
        String text = comment == null ? "" : comment.trim();
        if (text.isEmpty() || text.length() > MAX_COMMENT_LENGTH) {
            throw new PayloadValidationException("comment", "is required, at most " + MAX_COMMENT_LENGTH + " characters");
        }
        Instant now = clock.instant();
        SilenceService.Silence silence = silences.create(matchers, now, now.plus(length), ConsoleIdentity.shown(person), text);
        flash.addFlashAttribute("notice", "Silence " + silence.id() + " created.");
        return "redirect:/console/silences";
    }

    @PostMapping("/console/silences/{id}/expire")
    String expire(@PathVariable String id, RedirectAttributes flash) {
        silences.expire(id).orElseThrow(() -> new NotFoundException("no silence " + id));
        flash.addFlashAttribute("notice", "Silence " + id + " expired.");
        return "redirect:/console/silences";
    }

    private Duration duration(String hours) {
        Duration max = limits.getSilences().getMaxDuration();
        try {
            long value = Long.parseLong(hours == null ? "" : hours.trim());
            if (value >= 1 && value <= max.toHours()) {
                return Duration.ofHours(value);
            }
        } catch (NumberFormatException e) {
            // answered below, naming the field
        }
        throw new PayloadValidationException("hours", "must be a whole number of hours from 1 to " + max.toHours());
    }
}
