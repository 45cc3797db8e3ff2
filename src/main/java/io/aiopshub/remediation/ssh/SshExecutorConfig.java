package io.aiopshub.remediation.ssh;

import org.apache.sshd.client.ClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sshd client builder the route's camel-ssh endpoint uses ({@code clientBuilder=#sshExecutorClientBuilder}). */
@Configuration
class SshExecutorConfig {

    @Bean
    ClientBuilder sshExecutorClientBuilder(SshCallWatch watch) {
        return watch.clientBuilder();
    }
}
