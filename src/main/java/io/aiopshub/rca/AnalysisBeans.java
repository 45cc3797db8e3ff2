package io.aiopshub.rca;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.aiopshub.config.RedisGuard;
import io.aiopshub.config.RedisMode;
import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.rca.rules.RuleBasedAnalyst;
import io.aiopshub.rca.similar.Embeddings;
import io.aiopshub.rca.similar.Runbooks;
import io.aiopshub.rca.similar.SimilarIncidents;

/** The action catalog and the rule-based analyst, from their files (or the copies bundled in the jar). */
@Configuration(proxyBeanMethods = false)
public class AnalysisBeans {

    @Bean
    ActionCatalog actionCatalog(@Value("${aiops.llm.catalog-file:playbooks/catalog.yaml}") String file) throws IOException {
        Path path = Path.of(file);
        if (Files.exists(path)) {
            return ActionCatalog.load(path);
        }
        try (InputStream in = AnalysisBeans.class.getResourceAsStream("/playbooks/catalog.yaml")) {
            if (in == null) {
                throw new IOException("no action catalog at " + path.toAbsolutePath());
            }
            return ActionCatalog.load(in);
        }
    }

    @Bean
    AnalysisCache analysisCache(@Value("${aiops.llm.cache-ttl:24h}") Duration ttl, Clock clock,
                                Environment env,
                                ObjectProvider<StringRedisTemplate> redis, ObjectProvider<RedisGuard> guard) {
        return RedisMode.enabled(env) ? new AnalysisCache.Redis(redis.getObject(), guard.getObject(), ttl)
                : new AnalysisCache.InMemory(ttl, clock);
    }

    @Bean
    Embeddings embeddings() {
        return new Embeddings();
    }

    @Bean
    SimilarIncidents similarIncidents(Embeddings embeddings) {
        return new SimilarIncidents(embeddings);
    }

    @Bean
    Runbooks runbooks(Embeddings embeddings,
                                             @Value("${aiops.llm.runbooks-dir:runbooks}") String dir) {
        return new Runbooks(embeddings, Path.of(dir));
    }

    @Bean
    RuleBasedAnalyst ruleBasedAnalyst(@Value("${aiops.llm.analyst-rules-file:config/analyst-rules.yaml}") String file,
                                      ActionCatalog catalog) throws IOException {
        return new RuleBasedAnalyst(RuleBasedAnalyst.loadRules(file), catalog);
    }
}
