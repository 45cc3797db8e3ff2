package io.aiopshub.chat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The hub with Slack on (a signing secret), one chat operator, the API, the incident pipeline and the chat
 * routes, on H2. Answers go to response URLs on localhost (WireMock, any port). One shared context for the
 * chat tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:chat;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=chat-token",
        "aiops.chat.slack.signing-secret=" + ChatTest.SIGNING_SECRET,
        "aiops.chat.slack.response-url-prefix=http://localhost:",
        "aiops.chat.operators=slack:UOPS1, telegram:42",
        "aiops.ingest.max-body-size=16KB",
        "camel.main.routes-include-pattern=file:routes/api.yaml,file:routes/error-handling.yaml,"
                + "file:routes/incident-pipeline.yaml,file:routes/chat.yaml"})
public @interface ChatTest {

    String SIGNING_SECRET = "chat-test-signing-secret-0123456789";
    String API_TOKEN = "chat-token";
    String OPERATOR = "UOPS1";
}
