package io.aiopshub.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one reader of JSON request bodies, for every endpoint: RFC 8259 JSON in UTF-8 and nothing looser.
 * Invalid UTF-8 (also overlong forms and encoded surrogates, which Jackson's own decoder lets through,
 * and UTF-16, which it would guess), duplicate keys, trailing content, deep nesting, huge numbers and
 * unpaired surrogate escapes become a 400 naming the field, before anything is stored.
 */
public final class StrictJson {

    /** Deepest nesting accepted; the hub's own formats need 4. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(64).maxStringLength(1_000_000).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() { }

    /** Parses a body; an empty one, or anything not strictly valid, is a {@link PayloadValidationException}. */
    public static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PayloadValidationException("$", "request body is empty; expected JSON");
        }
        String text = decodeUtf8(body);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new PayloadValidationException("$", "invalid JSON" + location + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadValidationException("$", "unreadable body: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new PayloadValidationException("$", "request body is empty; expected JSON");
        }
        // Decoded UTF-8 has no lone surrogates, so only a \\u escape can bring one in.
        if (text.contains("\\u")) {
            checkSurrogates(node, "$");
        }
        return node;
    }

    private static String decodeUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new PayloadValidationException("$", "is not valid UTF-8 (at byte " + in.position() + ")");
        }
        return out.flip().toString();
    }

    private static void checkSurrogates(JsonNode node, String path) {
        if (node.isTextual()) {
            if (hasUnpairedSurrogate(node.textValue())) {
                throw new PayloadValidationException(path, "contains an unpaired UTF-16 surrogate escape");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = "$".equals(path) ? field.getKey() : path + "." + field.getKey();
                if (hasUnpairedSurrogate(field.getKey())) {
                    // Named by its parent: the name itself cannot be written back in a valid response.
                    throw new PayloadValidationException(path, "has a field name with an unpaired UTF-16 surrogate escape");
                }
                checkSurrogates(field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkSurrogates(node.get(i), ("$".equals(path) ? "" : path) + "[" + i + "]");
            }
        }
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
