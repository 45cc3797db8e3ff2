package io.aiopshub.notify;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One resilience4j circuit breaker per channel, registered as bean {@code <channel>Breaker} so the
 * channel route template's circuitBreaker EIP uses it, and exported as gauge
 * {@code aiops_notify_breaker_state} (0 closed, 1 open, 2 half-open).
 */
@Configuration(proxyBeanMethods = false)
public class ChannelBreakers {

    @Bean
    CircuitBreakerRegistry channelBreakerRegistry(BreakerProperties properties, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .slidingWindowSize(properties.slidingWindowSize())
                .waitDurationInOpenState(properties.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.permittedNumberOfCallsInHalfOpenState())
                .build());
        for (String channel : ChannelNames.ALL) {
            Gauge.builder("aiops.notify.breaker.state", registry.circuitBreaker(channel), b -> switch (b.getState()) {
                case CLOSED -> 0;
                case OPEN, FORCED_OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 3;
            }).tag("channel", channel).register(meters);
        }
        return registry;
    }

    @Bean
    static BeanFactoryPostProcessor channelBreakerBeans() {
        return beanFactory -> {
            for (String channel : ChannelNames.ALL) {
                var definition = new org.springframework.beans.factory.support.RootBeanDefinition(CircuitBreaker.class);
                definition.setFactoryBeanName("channelBreakerRegistry");
                definition.setFactoryMethodName("circuitBreaker");
                definition.getConstructorArgumentValues().addGenericArgumentValue(channel);
                ((org.springframework.beans.factory.support.BeanDefinitionRegistry) beanFactory)
                        .registerBeanDefinition(channel + "Breaker", definition);
            }
        };
    }

}
