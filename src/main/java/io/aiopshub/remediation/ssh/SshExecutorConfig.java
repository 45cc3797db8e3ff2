package io.aiopshub.remediation.ssh;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The sshd objects the route's camel-ssh endpoint names ({@code keyPairProvider=#sshExecutorKeys},
 * {@code clientBuilder=#sshExecutorClientBuilder}). Both are lazy: the first ssh call makes them, because
 * touching sshd's key, digest and builder classes registers BouncyCastle, which took about a tenth of the
 * hub's start. {@code camel.component.ssh.autowired-enabled=false} keeps Camel from making them at start
 * by looking for a ClientBuilder to autowire into the ssh component.
 */
@Configuration(proxyBeanMethods = false)
class SshExecutorConfig {

    @Bean
    @Lazy
    ClientBuilder sshExecutorClientBuilder(SshCallWatch watch) {
        return watch.clientBuilder();
    }

    @Bean
    @Lazy
    KeyPairProvider sshExecutorKeys(SshIdentity identity) {
        return identity::loadKeys;
    }
}
