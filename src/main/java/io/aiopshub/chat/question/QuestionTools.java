package io.aiopshub.chat.question;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import io.aiopshub.redact.Redactor;

/**
 * The tools offered to the model for a question: the {@link Tool} methods of the {@link QuestionTool} beans,
 * and nothing else. A call names a tool and gives JSON arguments; its result (or error) is redacted and cut
 * to {@code aiops.chat.questions.max-tool-result-length} before it goes back to the model. A name that is not
 * one of these tools runs nothing.
 */
@Component
public class QuestionTools {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionTools.class);

    private record Invocable(Object bean, Method method) { }

    private final Map<String, Invocable> tools = new LinkedHashMap<>();
    private final List<ToolSpecification> specifications = new ArrayList<>();
    private final Redactor redactor;
    private final ObjectMapper json;
    private final int maxResultLength;

    public QuestionTools(List<QuestionTool> beans, Redactor redactor, ObjectMapper json, QuestionProperties properties) {
        this.redactor = redactor;
        this.json = json;
        this.maxResultLength = Math.max(100, properties.getMaxToolResultLength());
        for (QuestionTool bean : beans) {
            for (Method method : AopUtils.getTargetClass(bean).getMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
                    if (tools.put(specification.name(), new Invocable(bean, method)) != null) {
                        throw new IllegalStateException("two question tools are named " + specification.name());
                    }
                    specifications.add(specification);
                }
            }
        }
        specifications.sort(java.util.Comparator.comparing(ToolSpecification::name));
    }

    public List<ToolSpecification> specifications() {
        return List.copyOf(specifications);
    }

    public List<String> names() {
        return specifications.stream().map(ToolSpecification::name).toList();
    }

    /** Runs one tool call; whatever happens, the model gets a redacted, bounded text back. */
    public String execute(ToolExecutionRequest request) {
        Invocable tool = tools.get(request.name());
        if (tool == null) {
            return bounded("error: there is no tool " + request.name() + "; the tools are " + names()
                    + ", and they only read");
        }
        String result;
        try {
            result = String.valueOf(tool.method().invoke(tool.bean(), arguments(tool.method(), request.arguments())));
        } catch (IllegalArgumentException e) {
            result = "error: " + e.getMessage();
        } catch (InvocationTargetException e) {
            LOG.warn("Question tool {} failed: {}", request.name(), redactor.redact(String.valueOf(e.getCause())));
            result = "error: the tool failed (" + e.getCause().getClass().getSimpleName() + ")";
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return bounded(redactor.redact(result));
    }

    private Object[] arguments(Method method, String arguments) {
        JsonNode given;
        try {
            given = arguments == null || arguments.isBlank() ? json.createObjectNode() : json.readTree(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the arguments are not a JSON object");
        }
        if (!given.isObject()) {
            throw new IllegalArgumentException("the arguments are not a JSON object");
        }
        Parameter[] parameters = method.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            JsonNode value = given.get(parameters[i].getName());
            if (value == null || value.isNull()) {
                continue;
            }
            try {
                values[i] = json.treeToValue(value, parameters[i].getType());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(parameters[i].getName() + " must be a " + parameters[i].getType().getSimpleName());
            }
        }
        return values;
    }

    private String bounded(String text) {
        if (text.length() <= maxResultLength) {
            return text;
        }
        String note = "\n(cut: the result was longer than " + maxResultLength + " characters)";
        return text.substring(0, maxResultLength - note.length()) + note;
    }
}
