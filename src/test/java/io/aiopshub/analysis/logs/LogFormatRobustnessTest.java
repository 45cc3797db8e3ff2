package io.aiopshub.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.aiopshub.bench.LogHubBenchmarkAccess;
import io.aiopshub.bench.SyntheticLogFormats;
import io.aiopshub.support.MutableClock;

/** Formats LogHub-2k does not have: the defaults must neither merge events nor split them by header values. */
class LogFormatRobustnessTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"json", "logfmt", "kv", "bracketed"})
    void twelveEventsInAFormatNobodyTunedForAreGroupedAsTwelve(String format) {
        for (long seed : new long[] {1, 2, 3}) {
            SyntheticLogFormats.Labelled labelled = SyntheticLogFormats.generate(format, 1500, seed);
            LogTemplateMiner miner = new LogTemplateMiner(MinerConfig.defaults(), clock);
            List<String> assigned = new ArrayList<>();
            for (String line : labelled.lines()) {
                assigned.add(miner.add(line).templateId());
            }
            assigned.replaceAll(miner::currentId);
            assertThat(LogHubBenchmarkAccess.groupingAccuracy(assigned, labelled.events()))
                    .as("%s, seed %d", format, seed).isGreaterThanOrEqualTo(0.95);
            assertThat(miner.size()).as("%s, seed %d", format, seed).isBetween(12, 16);
        }
    }

    @Test
    void keysValuesAndWordsAreToldApartInLogfmtJsonAndBracketedHeaders() {
        LogMasker.Masked logfmt = LogMasker.mask("level=warn msg=\"disk almost full\" mount=data pct=93", true);
        assertThat(logfmt.tokens()).containsExactly("level", "warn", "msg", "\"disk", "almost", "full\"", "mount", "data",
                "pct", "<*>");
        assertThat(logfmt.kinds()).containsExactly(LogMasker.KEY, LogMasker.VALUE, LogMasker.KEY, LogMasker.WORD,
                LogMasker.WORD, LogMasker.WORD, LogMasker.KEY, LogMasker.VALUE, LogMasker.KEY, LogMasker.VALUE);
        LogMasker.Masked json = LogMasker.mask(
                "{\"level\":\"warn\",\"msg\":\"disk almost full\",\"ctx\":{\"mount\":\"data\",\"pct\":93}}", true);
        assertThat(json.tokens()).containsExactly("level", "warn", "msg", "disk", "almost", "full", "ctx", "mount",
                "data", "pct", "<*>");
        assertThat(json.kinds()[1]).isEqualTo(LogMasker.VALUE);
        assertThat(json.kinds()[3]).isEqualTo(LogMasker.WORD);
        assertThat(LogMasker.mask("[worker] [alice] job done", true).kinds())
                .containsExactly(LogMasker.VALUE, LogMasker.VALUE, LogMasker.WORD, LogMasker.WORD);
        // Not JSON after all (an unterminated string): read as words.
        assertThat(LogMasker.mask("{\"msg\":\"cut off}", true).tokens()).containsExactly("{\"msg\":\"cut", "off}");
    }

    @Test
    void inLogfmtTheKeysDoNotMakeTwoEventsAlike() {
        LogTemplateMiner miner = new LogTemplateMiner(MinerConfig.defaults(), clock);
        String miss = miner.add("level=info component=cache user=alice msg=\"cache miss for key users\"").templateId();
        assertThat(miner.add("level=info component=cache user=bob msg=\"cache hit for key users\"").templateId())
                .isNotEqualTo(miss);
        assertThat(miner.add("level=warn component=cache user=carol msg=\"cache miss for key users\"").templateId())
                .isEqualTo(miss);
    }
}
