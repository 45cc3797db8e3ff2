package io.aiopshub.ingest.logsource;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.aiopshub.analysis.logs.LogTemplateService;
import io.aiopshub.ingest.LogLine;

/**
 * The backend-neutral half of a log source: which page to read next, and what to do with it. A page's
 * lines are mined and its checkpoint advanced in one transaction, so after a crash or restart the page
 * is either wholly analysed and behind the checkpoint, or wholly read again: each line counts once.
 */
@Component
public class LogSourcePoller {

    private static final Logger LOG = LoggerFactory.getLogger(LogSourcePoller.class);

    /** Exchange property carrying, from request to answer, the checkpoint a page was searched after. */
    public static final String BASIS = "aiopsLogSearchBasis";

    private final LogSearchFactory searches;
    private final LogSourceCheckpoints checkpoints;
    private final LogDocumentMapper mapper;
    private final LogTemplateService templates;
    private final TransactionTemplate transaction;
    private final LogSourceProperties properties;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, AtomicLong> readUpTo = new ConcurrentHashMap<>();

    public LogSourcePoller(LogSearchFactory searches, LogSourceCheckpoints checkpoints, LogDocumentMapper mapper,
                           LogTemplateService templates, TransactionTemplate transaction, LogSourceProperties properties,
                           MeterRegistry metrics, Clock clock) {
        this.searches = searches;
        this.checkpoints = checkpoints;
        this.mapper = mapper;
        this.templates = templates;
        this.transaction = transaction;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The next page's search for a source, or null when there is nothing settled to read yet. */
    public LogSearch next(String source, String service, String indices) {
        metrics.counter("aiops.log.source.polls", "source", source).increment();
        return searches.next(service, indices, checkpoints.load(source).orElse(null), clock.instant());
    }

    /**
     * Analyses a page and moves the checkpoint from {@code basis} (what the page was searched after)
     * to behind it. Returns whether another page should follow at once: this one was full and the poll
     * has pages left ({@code page} counts from 0). A failure, or a checkpoint someone else moved
     * meanwhile, rolls both back and forgets what the miner learnt in memory.
     */
    public boolean accept(String source, String service, List<SourceHit> hits, int page, List<Object> basis) {
        if (hits.isEmpty()) {
            return false;
        }
        List<LogLine> lines = new ArrayList<>(hits.size());
        int skipped = 0;
        for (SourceHit hit : hits) {
            LogLine line = mapper.map(hit, service.isBlank() ? source : service);
            if (line == null) {
                skipped++;
            } else {
                lines.add(line);
            }
        }
        SourceHit last = hits.get(hits.size() - 1);
        Instant lastTimestamp = mapper.timestamp(last);
        try {
            transaction.executeWithoutResult(status -> {
                templates.mine(lines);
                checkpoints.advance(source, lastTimestamp, last.sort(), lines.size(), basis);
            });
        } catch (RuntimeException e) {
            Set<String> services = new LinkedHashSet<>();
            lines.forEach(line -> services.add(line.service()));
            templates.forget(services);
            throw e;
        }
        metrics.counter("aiops.log.source.lines", "source", source).increment(lines.size());
        // How far a source has read: alert on time() minus this to catch a stuck or lagging source.
        readUpTo.computeIfAbsent(source, s -> metrics.gauge("aiops.log.source.checkpoint.timestamp.seconds",
                Tags.of("source", s), new AtomicLong())).set(lastTimestamp.getEpochSecond());
        if (skipped > 0) {
            metrics.counter("aiops.log.source.skipped", "source", source).increment(skipped);
            LOG.warn("log source {}: {} documents without a message field {} were skipped", source, skipped,
                    properties.getFields().getMessage());
        }
        return hits.size() >= properties.getPageSize() && page + 1 < properties.getMaxPagesPerPoll();
    }
}
