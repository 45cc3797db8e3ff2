package io.aiopshub.remediation.mikrotik;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.run.RemediationStartupCheck;
import io.aiopshub.remediation.catalog.CatalogException;

/** The Spring side: the beans the route file names exist, the settings bind, a malformed action stops the start. */
class MikrotikWiringTest {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = MikrotikPlanner.class)
    @EnableConfigurationProperties(MikrotikProperties.class)
    static class Beans {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Beans.class)
            .withBean(ActionCatalog.class, () -> MikrotikRoute.CATALOG);

    @Test
    void everyBeanTheRouteFileRefersToExists() throws Exception {
        Matcher refs = Pattern.compile("ref: (\\w+)").matcher(Files.readString(MikrotikRoute.ROUTE_FILE));
        List<String> names = new ArrayList<>();
        while (refs.find()) {
            names.add(refs.group(1));
        }
        assertThat(names).contains("mikrotikPlanner", "mikrotikSessions", "mikrotikDialog", "mikrotikReplyReader", "mikrotikFailures");
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            names.forEach(name -> assertThat(context.containsBean(name)).as(name).isTrue());
        });
    }

    @Test
    void settingsBindWithTlsOnByDefault() {
        runner.withPropertyValues("aiops.remediation.mikrotik.host=router.lan", "aiops.remediation.mikrotik.username=hub",
                        "aiops.remediation.mikrotik.read-timeout=2s")
                .run(context -> {
                    MikrotikProperties p = context.getBean(MikrotikProperties.class);
                    assertThat(p.missingSetting()).isNull();
                    assertThat(p.isTls()).isTrue();
                    assertThat(p.effectivePort()).isEqualTo(8729);
                    assertThat(p.getReadTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
        runner.run(context -> assertThat(context.getBean(MikrotikProperties.class).missingSetting()).isEqualTo("host"));
    }

    @Test
    void aMalformedMikrotikActionStopsTheStart() {
        ActionCatalog broken = ActionCatalog.load(new ByteArrayInputStream("""
                actions:
                  - id: wrong
                    description: d
                    risk: low
                    executor: mikrotik
                    requires_approval: false
                    target: router
                    run: {operation: resources, host: other}
                """.getBytes(StandardCharsets.UTF_8)));

        // The hub's start-up check of the catalog (RemediationStartupCheck) runs every executor's entry check.
        new ApplicationContextRunner().withUserConfiguration(Beans.class, RemediationStartupCheck.class)
                .withBean(ActionCatalog.class, () -> broken)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(CatalogException.class)
                        .hasMessageContaining("wrong: run: unknown key 'host' for resources"));
    }
}
