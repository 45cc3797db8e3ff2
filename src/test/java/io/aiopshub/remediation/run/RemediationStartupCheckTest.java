package io.aiopshub.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.CatalogException;
import io.aiopshub.remediation.catalog.Executor;
import io.aiopshub.remediation.executor.ExecutorSpecCheck;

/** The start-up check over the real route file: every catalog action needs its executor's route, and its executor's approval. */
class RemediationStartupCheckTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ActionCatalog shipped = ActionCatalog.load(Path.of("playbooks/catalog.yaml"));
    private final ActionCatalog sshOnly = ActionCatalog.load(Path.of("src/test/resources/remediation/catalog.yaml"));

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void theStartFailsListingEveryActionWhoseExecutorHasNoRoute() throws Exception {
        load("routes/remediation.yaml");
        addRoute("direct:executor-ssh");
        RemediationStartupCheck check = new RemediationStartupCheck(shipped, List.of());

        assertThatThrownBy(() -> check.beforeApplicationStart(camel)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("restart_service: executor ansible has no route direct:executor-ansible")
                .hasMessageContaining("proxmox_vm_restart: executor proxmox has no route direct:executor-proxmox")
                .hasMessageContaining("mikrotik_block_ip: executor mikrotik has no route direct:executor-mikrotik")
                .hasMessageNotContaining("restart_service_ssh");
    }

    @Test
    void aCatalogWhoseExecutorsAllHaveRoutesStarts() throws Exception {
        load("routes/remediation.yaml");
        // The executor's route file, whose route a template makes: checked before the routes start.
        load("routes/remediation-executor-ssh.yaml");

        assertThatCode(() -> new RemediationStartupCheck(sshOnly, List.of()).beforeApplicationStart(camel)).doesNotThrowAnyException();
    }

    @Test
    void withoutTheRunnersRoutesNothingRunsAndOnlyTheEntriesAreChecked() throws Exception {
        addRoute("direct:something-else");

        assertThatCode(() -> new RemediationStartupCheck(shipped, List.of()).beforeApplicationStart(camel)).doesNotThrowAnyException();
        ExecutorSpecCheck strict = new ExecutorSpecCheck() {
            @Override
            public Executor executor() {
                return Executor.SSH;
            }

            @Override
            public List<String> problems(io.aiopshub.remediation.catalog.ActionDefinition action) {
                return List.of("run.command must start with a known program");
            }
        };
        assertThatThrownBy(() -> new RemediationStartupCheck(sshOnly, List.of(strict)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("restart_service_ssh: run.command must start with a known program")
                .hasMessageContaining("deploy_config_ssh: run.command must start with a known program");
        assertThat(RemediationStartupCheck.specProblems(shipped, List.of(strict)))
                .as("only the executor's own actions").containsExactly("restart_service_ssh: run.command must start with a known program");
    }

    private void load(String file) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
    }

    private void addRoute(String uri) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).setBody(constant("ok"));
            }
        });
    }
}
