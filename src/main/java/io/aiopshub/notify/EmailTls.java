package io.aiopshub.notify;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** TLS settings for the SMTP relay: the configured trust store, if any, for STARTTLS and implicit TLS alike. */
@Configuration(proxyBeanMethods = false)
public class EmailTls {

    static final String BEAN = "emailSslContext";

    @Bean(BEAN)
    SSLContextParameters emailSslContext(ChannelProperties channels) {
        SSLContextParameters parameters = new SSLContextParameters();
        ChannelProperties.Email email = channels.getEmail();
        if (email.getTrustStore() != null && !email.getTrustStore().isBlank()) {
            KeyStoreParameters store = new KeyStoreParameters();
            store.setResource("file:" + email.getTrustStore());
            store.setType("PKCS12");
            store.setPassword(email.getTrustStorePassword());
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store);
            parameters.setTrustManagers(trust);
        }
        return parameters;
    }
}
