package io.aiopshub.console.oidc;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when {@code aiops.console.oidc.issuer-uri} is set to something. Spring's {@code @ConditionalOnProperty}
 * would also match the empty value application.yml defaults it to.
 */
class OidcConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("aiops.console.oidc.issuer-uri"));
    }
}
