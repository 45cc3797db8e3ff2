package io.aiopshub.rca.llm;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** The chat models of the configured providers, used by name from the langchain4j-chat endpoints. */
@Configuration(proxyBeanMethods = false)
public class LlmModels {

    @Bean
    @ConditionalOnExpression("!'${aiops.llm.openai.base-url:}'.isBlank()")
    ChatModel openaiChatModel(LlmProperties properties, TokenUsageRecorder tokens) {
        LlmProperties.OpenAi openai = properties.getOpenai();
        return OpenAiChatModel.builder().baseUrl(openai.getBaseUrl()).apiKey(openai.getApiKey())
                .modelName(openai.getModel()).timeout(properties.getTimeout()).maxTokens(properties.getMaxTokens())
                .responseFormat("json_object").maxRetries(0).listeners(java.util.List.of(tokens)).build();
    }

    @Bean
    @ConditionalOnExpression("!'${aiops.llm.ollama.base-url:}'.isBlank()")
    ChatModel ollamaChatModel(LlmProperties properties, TokenUsageRecorder tokens) {
        LlmProperties.Ollama ollama = properties.getOllama();
        return OllamaChatModel.builder().baseUrl(ollama.getBaseUrl()).modelName(ollama.getModel())
                .timeout(properties.getTimeout()).numPredict(properties.getMaxTokens()).maxRetries(0)
                .responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON)
                .listeners(java.util.List.of(tokens)).build();
    }
}
