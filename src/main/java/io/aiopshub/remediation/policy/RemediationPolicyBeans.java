package io.aiopshub.remediation.policy;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.micrometer.core.instrument.MeterRegistry;

/** The remediation policy from its file, checked at start (a broken file stops the start) and reloaded on edits. */
@Configuration(proxyBeanMethods = false)
public class RemediationPolicyBeans {

    @Bean
    CurrentRemediationPolicy remediationPolicy(RemediationPolicyProperties properties, ActionCatalog catalog) {
        return new CurrentRemediationPolicy(new RemediationPolicyLoader(catalog).load(properties.getPolicyFile()));
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(prefix = "aiops.remediation", name = "policy-reload", havingValue = "true", matchIfMissing = true)
    RemediationPolicyWatcher remediationPolicyWatcher(CurrentRemediationPolicy policy, RemediationPolicyProperties properties,
                                                      ActionCatalog catalog, MeterRegistry meters) {
        return new RemediationPolicyWatcher(policy, new RemediationPolicyLoader(catalog), meters,
                Path.of(properties.getPolicyFile()), properties.getPolicyPollInterval());
    }
}
