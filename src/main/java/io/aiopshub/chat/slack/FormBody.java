package io.aiopshub.chat.slack;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.aiopshub.ingest.PayloadValidationException;

/**
 * An {@code application/x-www-form-urlencoded} body, parsed from the verified bytes themselves (never from
 * a servlet's parameter map, which may hold something else). UTF-8 only; a name given twice is refused
 * rather than guessed at.
 */
final class FormBody {

    private FormBody() { }

    static Map<String, String> parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new PayloadValidationException("$", "the form body is not UTF-8");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "$");
            String value = decode(equals < 0 ? "" : pair.substring(equals + 1), name);
            if (fields.put(name, value) != null) {
                throw new PayloadValidationException(name, "appears more than once");
            }
        }
        return fields;
    }

    private static String decode(String encoded, String field) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PayloadValidationException(field.length() > 64 ? "$" : field, "is not valid form encoding");
        }
    }
}
