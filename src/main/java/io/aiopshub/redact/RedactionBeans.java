package io.aiopshub.redact;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import io.aiopshub.redact.logback.LogRedactionInstaller;

/** One redactor for the whole hub, built from {@code aiops.redaction.*}, and handed to the logging system. */
@Configuration(proxyBeanMethods = false)
public class RedactionBeans {

    @Bean
    public Redactor redactor(RedactionConfig config) {
        return new Redactor(config);
    }

    @Bean
    public JsonRedactor jsonRedactor(Redactor redactor) {
        return new JsonRedactor(redactor);
    }

    /** Never lazy: the logging system must get the configured rules even if nothing injects this. */
    @Bean
    @Lazy(false)
    public LogRedactionInstaller logRedactionInstaller(Redactor redactor) {
        return new LogRedactionInstaller(redactor);
    }
}
