package io.aiopshub.redact.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import io.aiopshub.redact.RedactionConfig;
import io.aiopshub.redact.Redactor;

/**
 * The shipped {@code logback-spring.xml}, loaded into a logging context of its own: a file is written
 * only when Spring Boot sets {@code LOG_FILE} (as without the file), and what is written there has every
 * message and exception message redacted, by the default rules until the configured redactor is installed.
 */
class LogbackRedactionTest {

    @TempDir Path dir;
    private final LoggerContext context = new LoggerContext();

    {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theFileGetsMessagesAndExceptionMessagesRedactedButStackFramesIntact() throws Exception {
        Path file = dir.resolve("hub.log");
        configure(Map.of("LOG_FILE", file.toString()));
        Logger log = context.getLogger("io.aiopshub.test");

        log.info("alert annotations {}", Map.of("password", "correct horse battery"));
        try {
            TokenVault.open("token=abc123def456ghi789 Authorization: Bearer s3cr3tBearerToken0123456789");
        } catch (IllegalStateException e) {
            log.error("delivery failed", new RuntimeException("wrapped", e));
        }

        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertNoWarnings();
        assertThat(written).contains("alert annotations {password=[REDACTED:password]}")
                .contains("vault refused: token=[REDACTED:token] Authorization: Bearer [REDACTED:token]")
                .containsPattern("at io\\.aiopshub\\.redact\\.logback\\.TokenVault\\.open\\(TokenVault\\.java:\\d+\\)")
                .doesNotContain("horse").doesNotContain("abc123def456ghi789").doesNotContain("s3cr3tBearerToken");
    }

    @Test
    void noFileIsWrittenWithoutLogFileAndTheInstalledRedactorAppliesFromThen() throws Exception {
        configure(Map.of());
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE")).isNull();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNotNull();

        assertThat(LogRedaction.redactor(context).redact("ticket TCK-123456")).isEqualTo("ticket TCK-123456");
        LogRedaction.install(context, new Redactor(new RedactionConfig(false, List.of("TCK-[0-9]{6}"))));
        assertThat(LogRedaction.redactor(context).redact("ticket TCK-123456")).isEqualTo("ticket [REDACTED:custom]");
    }

    private void configure(Map<String, String> properties) throws JoranException, IOException {
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL config = getClass().getResource("/logback-spring.xml");
        assertThat(config).isNotNull();
        configurator.doConfigure(config);
        assertNoWarnings();
    }

    private void assertNoWarnings() {
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() >= ch.qos.logback.core.status.Status.WARN);
    }
}
