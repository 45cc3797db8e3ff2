package io.aiopshub.ingest.logsource;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aiops.log-sources.*}: how the Elasticsearch and OpenSearch polling routes read log documents.
 * The routes themselves (which sources, which indices, how often) are in {@code routes/log-sources.yaml}.
 */
@ConfigurationProperties(prefix = "aiops.log-sources")
public class LogSourceProperties {

    /** Where a log document keeps what the hub needs; ECS names by default, the first field present wins. */
    private Fields fields = new Fields();
    /** Read only error lines (by level, or by wording when a document has no level); false reads everything. */
    private boolean errorsOnly = true;
    /** Level values that mean an error (matched exactly on keyword fields, so both spellings are listed). */
    private List<String> errorLevels = List.of("error", "err", "critical", "crit", "fatal", "emergency", "emerg",
            "alert", "severe", "ERROR", "ERR", "CRITICAL", "CRIT", "FATAL", "EMERGENCY", "SEVERE", "Error", "Critical",
            "Fatal");
    /** Words that make a message an error (full-text match on the message field). */
    private List<String> errorWords = List.of("error", "exception", "failed");
    /** How far back the first poll of a source reads, before it has a checkpoint. */
    private Duration lookback = Duration.ofMinutes(15);
    /**
     * Documents younger than this are left for the next poll. Shippers and refresh intervals make
     * documents searchable a little after their timestamp; reading only settled time keeps a late
     * document from landing behind the checkpoint.
     */
    private Duration settleDelay = Duration.ofSeconds(30);
    /** Documents per search request. */
    private int pageSize = 500;
    /** Pages read in one poll at most; a bigger backlog continues on the next poll. */
    private int maxPagesPerPoll = 20;
    /**
     * Second sort key after the timestamp, so documents with equal timestamps have an order and a
     * checkpoint between them. {@code _id} works on OpenSearch; Elasticsearch 8 refuses to sort on
     * {@code _id} unless {@code indices.id_field_data.enabled} is set, so point this at a unique
     * keyword field there (for example {@code event.id} set by an ingest pipeline).
     */
    private String tiebreakField = "_id";

    public Fields getFields() { return fields; }
    public void setFields(Fields fields) { this.fields = fields; }
    public boolean isErrorsOnly() { return errorsOnly; }
    public void setErrorsOnly(boolean errorsOnly) { this.errorsOnly = errorsOnly; }
    public List<String> getErrorLevels() { return errorLevels; }
    public void setErrorLevels(List<String> errorLevels) { this.errorLevels = errorLevels; }
    public List<String> getErrorWords() { return errorWords; }
    public void setErrorWords(List<String> errorWords) { this.errorWords = errorWords; }
    public Duration getLookback() { return lookback; }
    public void setLookback(Duration lookback) { this.lookback = lookback; }
    public Duration getSettleDelay() { return settleDelay; }
    public void setSettleDelay(Duration settleDelay) { this.settleDelay = settleDelay; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public int getMaxPagesPerPoll() { return maxPagesPerPoll; }
    public void setMaxPagesPerPoll(int maxPagesPerPoll) { this.maxPagesPerPoll = maxPagesPerPoll; }
    public String getTiebreakField() { return tiebreakField; }
    public void setTiebreakField(String tiebreakField) { this.tiebreakField = tiebreakField; }

    /** Field names in log documents (dotted paths; nested objects and flat dotted keys both work). */
    public static class Fields {
        private String timestamp = "@timestamp";
        private List<String> message = List.of("message");
        private List<String> level = List.of("log.level", "level", "severity");
        private List<String> service = List.of("service.name", "kubernetes.labels.app", "container.name");
        private List<String> host = List.of("host.name", "host.hostname");

        public String getTimestamp() { return timestamp; }
        public void setTimestamp(String timestamp) { this.timestamp = timestamp; }
        public List<String> getMessage() { return message; }
        public void setMessage(List<String> message) { this.message = message; }
        public List<String> getLevel() { return level; }
        public void setLevel(List<String> level) { this.level = level; }
        public List<String> getService() { return service; }
        public void setService(List<String> service) { this.service = service; }
        public List<String> getHost() { return host; }
        public void setHost(List<String> host) { this.host = host; }
    }
}
