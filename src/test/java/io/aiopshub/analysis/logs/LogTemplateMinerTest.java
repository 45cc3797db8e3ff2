package io.aiopshub.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.aiopshub.bench.LogHubBenchmarkAccess;
import io.aiopshub.support.MutableClock;

class LogTemplateMinerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LogTemplateMiner miner = new LogTemplateMiner(MinerConfig.defaults(), clock);

    @Test
    void masksEveryKindOfVariableBeforeMatching() {
        assertThat(LogMasker.tokens("conn from 10.0.0.1:5432 id 7f3a9c0e12 took 150ms at /var/lib/x.db"))
                .containsExactly("conn", "from", "<*>", "id", "<*>", "took", "<*>", "at", "<*>");
        assertThat(LogMasker.tokens("req 123e4567-e89b-12d3-a456-426614174000 user=alice size=42,"))
                .containsExactly("req", "<*>", "user", "alice", "size", "<*>");
        assertThat(LogMasker.tokens("GET https://api.example/v1?x=1 on Mon Jun 14 ()"))
                .containsExactly("GET", "<*>", "on", "<*>", "<*>", "<*>", "<*>");
        assertThat(LogMasker.tokens("fe80::1ff:fe23:4567:890a 0xcafe")).containsExactly("<*>", "<*>");
    }

    @Test
    void keyValueWordsSplitAtAnOpeningBracketOtherBracketsStayInTheirWord() {
        assertThat(LogMasker.tokens("session opened for user root by LOGIN(uid=0)"))
                .containsExactly("session", "opened", "for", "user", "root", "by", "LOGIN", "uid", "<*>");
        assertThat(LogMasker.tokens("session opened for user news by (uid=0)"))
                .containsExactly("session", "opened", "for", "user", "news", "by", "uid", "<*>");
        assertThat(LogMasker.tokens("ciod: LOGIN chdir(pwd) failed, pipe error(s) (dcr 0x02f0)"))
                .containsExactly("ciod:", "LOGIN", "chdir(pwd)", "failed", "pipe", "error(s)", "(dcr", "<*>");
        assertThat(LogMasker.tokens("  a\tb \n c  ")).containsExactly("a", "b", "c");
        assertThat(LogMasker.tokens("   ")).isEmpty();
    }

    @Test
    void aDifferentClosingWordIsADifferentEvent() {
        String spp = miner.add("Session: 11152_142416105 initialized by client SPP.").templateId();
        String agent = miner.add("Session: 30546173_4261722401 initialized by client WindowsUpdateAgent.").templateId();
        assertThat(agent).isNotEqualTo(spp);
        assertThat(miner.add("Session: 30546174_4261722402 initialized by client WindowsUpdateAgent.").templateId())
                .isEqualTo(agent);
    }

    @Test
    void aPositionThatTakesAThirdValueWhileAllElseIsEqualIsAValueAndItsTemplatesMerge() {
        TemplateMatch root = miner.add("Failed password for root from 5.36.59.76 port 42393 ssh2");
        TemplateMatch git = miner.add("Failed password for git from 187.141.143.180 port 33532 ssh2");
        // Two words at one position may be two events (a client "SPP" and a client "WindowsUpdateAgent")...
        assertThat(git.templateId()).isNotEqualTo(root.templateId());
        // ...a third value there, with everything else equal, makes it a value: one template from now on.
        TemplateMatch admin = miner.add("Failed password for admin from 5.36.59.77 port 42394 ssh2");
        assertThat(admin.isNew()).isFalse();
        assertThat(admin.template()).isEqualTo("Failed password for <*> from <*> port <*> <*>");
        assertThat(miner.currentId(root.templateId())).isEqualTo(admin.templateId());
        assertThat(miner.currentId(git.templateId())).isEqualTo(admin.templateId());
        assertThat(miner.add("Failed password for git from 10.0.0.9 port 1 ssh2").templateId()).isEqualTo(admin.templateId());
        assertThat(miner.size()).isEqualTo(1);
    }

    @Test
    void sameEventWithDifferentValuesLandsOnOneTemplate() {
        TemplateMatch first = miner.add("Connection timed out after 30s to db-1");
        TemplateMatch second = miner.add("Connection timed out after 45s to db-2");
        assertThat(first.isNew()).isTrue();
        assertThat(second.isNew()).isFalse();
        assertThat(second.templateId()).isEqualTo(first.templateId());
        assertThat(second.template()).isEqualTo("Connection timed out after <*> to <*>");
    }

    @Test
    void differentWordsAreDifferentEvents() {
        String started = miner.add("Ending TrustedInstaller initialization.").templateId();
        String finished = miner.add("Ending TrustedInstaller finalization.").templateId();
        assertThat(started).isNotEqualTo(finished);
        assertThat(miner.add("Disk quota exceeded for volume data").templateId())
                .isNotEqualTo(miner.add("Disk quota exceeded").templateId());
    }

    @Test
    void restoredMinerKeepsIdsCountsAndContinuesNumbering() {
        String id = miner.add("worker 1 started").templateId();
        miner.add("worker 2 started");
        miner.add("queue empty");
        List<LogTemplate> saved = miner.templates();
        LogTemplateMiner restored = LogTemplateMiner.restore(MinerConfig.defaults(), clock, saved);
        assertThat(restored.add("worker 9 started").templateId()).isEqualTo(id);
        assertThat(restored.templates()).filteredOn(t -> t.id().equals(id)).singleElement()
                .matches(t -> t.count() == 3 && t.template().equals("worker <*> started"));
        TemplateMatch fresh = restored.add("completely new message here");
        assertThat(fresh.isNew()).isTrue();
        assertThat(saved).extracting(LogTemplate::id).doesNotContain(fresh.templateId());
    }

    @Test
    void templateCountIsBoundedLeastRecentlySeenGoesFirst() {
        LogTemplateMiner small = new LogTemplateMiner(new MinerConfig(4, 0.75, 100, 3), clock);
        String keep = small.add("alpha event happened").templateId();
        small.add("beta thing");
        small.add("gamma other thing here");
        small.add("alpha event happened");
        small.add("delta new one now here too");
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.templates()).extracting(LogTemplate::id).contains(keep);
        assertThat(small.templates()).extracting(LogTemplate::template).doesNotContain("beta thing");
    }

    @Test
    void groupingAccuracyFollowsTheDefinition() {
        // truth: a a b b ; parser: 1 1 1 2 -> only... none of the a-lines group exactly, b-line 4 alone is wrong
        assertThat(LogHubBenchmarkAccess.groupingAccuracy(List.of("1", "1", "1", "2"), List.of("a", "a", "b", "b"))).isZero();
        assertThat(LogHubBenchmarkAccess.groupingAccuracy(List.of("1", "1", "2", "3"), List.of("a", "a", "b", "b")))
                .isEqualTo(0.5);
        assertThat(LogHubBenchmarkAccess.groupingAccuracy(List.of("x", "x", "y", "y"), List.of("a", "a", "b", "b")))
                .isEqualTo(1.0);
    }

    @Test
    void aHandLabelledHdfsStyleCorpusIsGroupedExactly() throws Exception {
        // 36 HDFS-style lines written for this test (values invented) in LogHub's structured CSV layout,
        // each labelled by hand with one of 15 events; the full LogHub-2k run is bench/run.sh loghub.
        var corpus = LogHubBenchmarkAccess.read("hdfs-style",
                Path.of(getClass().getResource("/fixtures/log-parsing/hdfs-style-labelled.csv").toURI()));
        assertThat(corpus.contents()).hasSize(36).contains("Reading \"hdfs-site.xml\" from /etc/hadoop/conf2, attempt 2");
        assertThat(corpus.eventIds().stream().distinct()).hasSize(15);
        List<String> assigned = new ArrayList<>();
        for (String content : corpus.contents()) {
            assigned.add(miner.add(content).templateId());
        }
        assertThat(miner.size()).isEqualTo(15);
        assertThat(LogHubBenchmarkAccess.groupingAccuracy(assigned, corpus.eventIds())).isEqualTo(1.0);
    }
}
