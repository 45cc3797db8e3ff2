package io.aiopshub.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.PayloadValidationException;
import io.aiopshub.store.SilenceEntity;
import io.aiopshub.store.SilenceRepository;

/** Silences as Alertmanager has them: label matchers, a time window, a creator and a comment. */
@Service
public class SilenceService {

    /** A silence as the API shows and accepts it. */
    public record Silence(String id, List<MatcherView> matchers, Instant startsAt, Instant endsAt,
                          String createdBy, String comment, Instant createdAt, String state) { }

    /**
     * An active silence with its matchers compiled, for muting alerts. One whose stored matchers no longer
     * compile (a regex written for another engine, say) matches nothing rather than stopping the dispatcher.
     */
    public record ActiveSilence(String id, List<LabelMatcher> matchers, boolean usable) {

        public boolean matches(Map<String, String> labels) {
            return usable && matchers.stream().allMatch(m -> m.matches(labels));
        }
    }

    /** A matcher in JSON form: {@code {"name": "service", "op": "=~", "value": "api|web"}}. */
    public record MatcherView(String name, String op, String value) {

        LabelMatcher toMatcher() {
            return LabelMatcher.of(name, LabelMatcher.Op.fromSymbol(op), value);
        }
    }

    private static final TypeReference<List<MatcherView>> MATCHERS = new TypeReference<>() { };
    private static final Logger LOG = LoggerFactory.getLogger(SilenceService.class);

    private final SilenceRepository repository;
    private final ObjectMapper json;
    private final Clock clock;
    /** Compiled matchers by silence id (a silence's matchers never change); only active silences are kept. */
    private final Map<String, ActiveSilence> compiled = new ConcurrentHashMap<>();

    public SilenceService(SilenceRepository repository, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Silence create(List<MatcherView> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        Instant now = clock.instant();
        Instant start = startsAt == null ? now : startsAt;
        SilenceEntity entity = new SilenceEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setMatchersJson(write(matchers));
        entity.setStartsAt(start);
        entity.setEndsAt(endsAt);
        entity.setCreatedBy(createdBy);
        entity.setComment(comment);
        entity.setCreatedAt(now);
        return view(repository.save(entity), now);
    }

    /** Ends a silence now; it stays listed as expired. */
    @Transactional
    public Optional<Silence> expire(String id) {
        Instant now = clock.instant();
        return repository.findById(id).map(entity -> {
            if (entity.getExpiredAt() == null) {
                entity.setExpiredAt(now);
            }
            return view(entity, now);
        });
    }

    public List<Silence> list() {
        Instant now = clock.instant();
        return repository.findAllByOrderByCreatedAtDesc().stream().map(e -> view(e, now)).toList();
    }

    public Optional<Silence> get(String id) {
        return repository.findById(id).map(e -> view(e, clock.instant()));
    }

    /** The silences in force at {@code now}, compiled once each. */
    public List<ActiveSilence> active(Instant now) {
        List<ActiveSilence> active = repository.findByStartsAtLessThanEqualAndEndsAtGreaterThanAndExpiredAtIsNull(now, now)
                .stream().map(e -> compiled.computeIfAbsent(e.getId(), id -> compile(id, e.getMatchersJson()))).toList();
        compiled.keySet().retainAll(active.stream().map(ActiveSilence::id).toList());
        return active;
    }

    private ActiveSilence compile(String id, String matchersJson) {
        try {
            return new ActiveSilence(id, read(matchersJson).stream().map(MatcherView::toMatcher).toList(), true);
        } catch (IllegalArgumentException e) {
            LOG.warn("Silence {} is ignored: its matchers do not compile ({})", id, e.getMessage());
            return new ActiveSilence(id, List.of(), false);
        }
    }

    /**
     * Checks matchers from an API request; every problem names its field. As in Alertmanager, at least one
     * matcher must not match the empty string, so a silence cannot mute every alert by accident.
     */
    public static void validateMatchers(List<MatcherView> matchers) {
        if (matchers == null || matchers.isEmpty()) {
            throw new PayloadValidationException("matchers", "at least one matcher is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<LabelMatcher> compiled = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            MatcherView m = matchers.get(i);
            if (!LabelMatcher.isLabelName(m.name())) {
                problems.add(new FieldProblem("matchers[" + i + "].name", "is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)"));
                continue;
            }
            try {
                compiled.add(m.toMatcher());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("matchers[" + i + "].value", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PayloadValidationException(problems);
        }
        if (compiled.stream().allMatch(m -> m.matches(Map.of()))) {
            throw new PayloadValidationException("matchers", "at least one matcher must not match the empty string");
        }
    }

    private Silence view(SilenceEntity e, Instant now) {
        String state = e.getExpiredAt() != null || !e.getEndsAt().isAfter(now) ? "expired"
                : e.getStartsAt().isAfter(now) ? "pending" : "active";
        Instant end = e.getExpiredAt() != null && e.getExpiredAt().isBefore(e.getEndsAt()) ? e.getExpiredAt() : e.getEndsAt();
        return new Silence(e.getId(), read(e.getMatchersJson()), e.getStartsAt(), end, e.getCreatedBy(),
                e.getComment(), e.getCreatedAt(), state);
    }

    private String write(List<MatcherView> matchers) {
        try {
            return json.writeValueAsString(matchers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<MatcherView> read(String text) {
        try {
            return json.readValue(text, MATCHERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored silence unreadable", e);
        }
    }
}
