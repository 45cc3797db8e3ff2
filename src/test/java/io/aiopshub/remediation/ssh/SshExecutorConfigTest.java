package io.aiopshub.remediation.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The ssh executor's sshd objects are made on the first ssh call, not at start: making them registers
 * BouncyCastle, which took about a tenth of the hub's start (docs/benchmarks.md, Start-up).
 */
class SshExecutorConfigTest {

    @EnableConfigurationProperties(SshProperties.class)
    static class Settings { }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, SshExecutorConfig.class, SshIdentity.class, SshCallWatch.class,
                    SshExecutorSteps.class);

    @Test
    void sshdObjectsAreMadeOnFirstUseNotAtStart() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SshExecutorSteps.class)).isNotNull();
            assertThat(ctx.getBeanFactory().containsSingleton("sshExecutorClientBuilder")).as("client builder at start").isFalse();
            assertThat(ctx.getBeanFactory().containsSingleton("sshExecutorKeys")).as("key provider at start").isFalse();

            assertThat(ctx.getBean("sshExecutorClientBuilder")).isInstanceOf(ClientBuilder.class);
            assertThat(ctx.getBean("sshExecutorKeys")).isInstanceOf(KeyPairProvider.class);
        });
    }
}
