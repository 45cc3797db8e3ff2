package io.aiopshub.console;

import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.api.NotFoundException;
import io.aiopshub.api.NotifyApi;
import io.aiopshub.notify.ChannelNames;
import io.aiopshub.notify.NotificationOutbox;
import io.aiopshub.notify.NotificationOutbox.FailedNotification;
import io.aiopshub.redact.Redactor;
import io.aiopshub.store.InboxDeadLetters;
import io.aiopshub.store.InboxDeadLetters.DeadLetter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * What could not be delivered or applied: the notification dead letters (the API's
 * {@code /api/v1/notifications/failed}, with a Retry button that queues one again through
 * {@link NotificationOutbox#retry}, as {@code POST /api/v1/notifications/{id}/retry} does), the events the
 * incident engine set aside, and each channel's breaker. Every text shown passes the redactor, rows written
 * before redaction existed included.
 */
@Controller
public class NotificationsController {

    static final int PAGE_SIZE = 50;
    /** Labels of a dead letter are shown up to this length: enough to recognise the event. */
    static final int MAX_LABELS_SHOWN = 500;

    public record FailedRow(long id, String incidentId, String channel, String kind, String title, int attempts,
                            String error, Instant createdAt, Instant failedAt) { }

    public record DeadLetterRow(long id, String source, String alertname, String labels, String error,
                                Instant receivedAt, Instant failedAt) { }

    public record BreakerRow(String channel, String state, String failureRate, int calls) { }

    private final NotificationOutbox outbox;
    private final InboxDeadLetters deadLetters;
    private final CircuitBreakerRegistry breakers;
    private final Redactor redactor;
    private final ObjectMapper json;

    public NotificationsController(NotificationOutbox outbox, InboxDeadLetters deadLetters,
                                   @Qualifier("channelBreakerRegistry") CircuitBreakerRegistry breakers,
                                   Redactor redactor, ObjectMapper json) {
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.breakers = breakers;
        this.redactor = redactor;
        this.json = json;
    }

    @GetMapping("/console/notifications")
    String list(@RequestParam(required = false) String page, @RequestParam(required = false) String inboxPage,
                Model model) {
        int p = Pager.page("page", page);
        int ip = Pager.page("inboxPage", inboxPage);
        List<FailedRow> failed = outbox.failed(p, PAGE_SIZE).stream().map(this::row).toList();
        List<DeadLetterRow> inbox = deadLetters.page(ip, PAGE_SIZE).stream().map(this::row).toList();
        model.addAttribute("failed", failed);
        model.addAttribute("failedPager", Pager.ofPage("page", p, PAGE_SIZE, failed));
        model.addAttribute("inbox", inbox);
        model.addAttribute("inboxPager", Pager.ofTotal("inboxPage", ip, PAGE_SIZE, deadLetters.count()));
        model.addAttribute("breakers", ChannelNames.ALL.stream().map(this::breaker).toList());
        return "console/notifications";
    }

    @PostMapping("/console/notifications/{id}/retry")
    String retry(@PathVariable String id, Principal person, RedirectAttributes flash) {
        long notification = NotifyApi.notificationId(id);
        if (!outbox.retry(notification, "api:" + person.getName())) {
            throw new NotFoundException("no failed notification with id " + notification);
        }
        flash.addFlashAttribute("notice", "Notification " + notification + " queued again.");
        return "redirect:/console/notifications";
    }

    private FailedRow row(FailedNotification f) {
        return new FailedRow(f.id(), f.incidentId(), f.channel(), f.kind(),
                f.message() == null ? null : redactor.redact(f.message().title()), f.attempts(),
                redactor.redact(f.lastError()), f.createdAt(), f.failedAt());
    }

    private DeadLetterRow row(DeadLetter d) {
        Map<String, String> labels = labels(d.labelsJson());
        String shown = labels == null ? redactor.redact(d.labelsJson())
                : labels.entrySet().stream().map(e -> redactor.redact(e.getKey()) + "=" + e.getValue()).collect(Collectors.joining(", "));
        if (shown != null && shown.length() > MAX_LABELS_SHOWN) {
            shown = shown.substring(0, MAX_LABELS_SHOWN - 3) + "...";
        }
        return new DeadLetterRow(d.id(), redactor.redact(d.source()), labels == null ? null : labels.get("alertname"),
                shown, redactor.redact(d.error()), d.receivedAt(), d.failedAt());
    }

    /** Labels redacted by name and value; null when the stored text is not a JSON object of strings. */
    private Map<String, String> labels(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            Map<String, String> raw = json.readValue(stored, new TypeReference<LinkedHashMap<String, String>>() { });
            return raw == null ? null : redactor.redactValues(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private BreakerRow breaker(String channel) {
        CircuitBreaker breaker = breakers.circuitBreaker(channel);
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        float rate = metrics.getFailureRate();
        return new BreakerRow(channel, breaker.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                rate < 0 ? "not enough calls" : String.format(java.util.Locale.ROOT, "%.0f%%", rate),
                metrics.getNumberOfBufferedCalls());
    }
}
