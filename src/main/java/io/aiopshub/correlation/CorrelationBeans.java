package io.aiopshub.correlation;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topology in force and its file watcher. */
@Configuration(proxyBeanMethods = false)
public class CorrelationBeans {

    @Bean
    CurrentTopology currentTopology(CorrelationProperties properties) {
        return new CurrentTopology(new TopologyLoader().load(Path.of(properties.getTopology().getFile())));
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(prefix = "aiops.correlation.topology", name = "reload", havingValue = "true", matchIfMissing = true)
    TopologyWatcher topologyWatcher(CurrentTopology topology, CorrelationProperties properties) {
        return new TopologyWatcher(topology, new TopologyLoader(), Path.of(properties.getTopology().getFile()),
                properties.getTopology().getPollInterval());
    }

    @Bean
    io.aiopshub.ingest.ChangeEventParser changeEventParser(java.time.Clock clock, io.aiopshub.config.HubProperties hub) {
        return new io.aiopshub.ingest.ChangeEventParser(clock, hub.getIngest().getMaxAlertsPerRequest());
    }
}
