package io.aiopshub.chat.question;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * An OpenAI-compatible chat completions API (WireMock) that plays a script: the n-th request gets the n-th
 * answer, tool calls or a final message, each reporting 100 prompt and 50 completion tokens.
 */
final class FakeOpenAi implements AutoCloseable {

    static final String PATH = "/v1/chat/completions";
    static final int PROMPT_TOKENS = 100;
    static final int COMPLETION_TOKENS = 50;

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final ObjectMapper json = new ObjectMapper();

    FakeOpenAi() {
        server.start();
    }

    String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    /** One tool call: the tool's name and its JSON arguments. */
    record Call(String name, String arguments) { }

    static Call call(String name, String arguments) {
        return new Call(name, arguments);
    }

    String toolCalls(Call... calls) {
        ObjectNode message = json.createObjectNode().put("role", "assistant").putNull("content");
        ArrayNode toolCalls = message.putArray("tool_calls");
        for (int i = 0; i < calls.length; i++) {
            ObjectNode call = toolCalls.addObject().put("id", "call_" + calls[i].name() + "_" + i).put("type", "function");
            call.putObject("function").put("name", calls[i].name()).put("arguments", calls[i].arguments());
        }
        return completion(message, "tool_calls");
    }

    String answer(String content) {
        return completion(json.createObjectNode().put("role", "assistant").put("content", content), "stop");
    }

    private String completion(ObjectNode message, String finish) {
        ObjectNode root = json.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1_764_000_000L).put("model", "gpt-test");
        root.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        root.putObject("usage").put("prompt_tokens", PROMPT_TOKENS).put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
        return root.toString();
    }

    /** The answers in order; a request after the last gets the last again. */
    void script(String... answers) {
        server.resetAll();
        for (int i = 0; i < answers.length; i++) {
            var stub = post(urlEqualTo(PATH)).inScenario("script")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answers[i]));
            server.stubFor(i + 1 < answers.length ? stub.willSetStateTo("step" + (i + 1)) : stub);
        }
    }

    void failing() {
        server.resetAll();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"down\"}")));
    }

    /** The request bodies received, in order. */
    List<JsonNode> requests() {
        List<JsonNode> bodies = new ArrayList<>();
        for (var request : server.findAll(postRequestedFor(urlEqualTo(PATH)))) {
            try {
                bodies.add(json.readTree(request.getBodyAsString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }

    @Override
    public void close() {
        server.stop();
    }
}
