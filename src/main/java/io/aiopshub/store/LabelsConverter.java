package io.aiopshub.store;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a label or annotation map as a JSON object, keys sorted so equal maps give equal text. */
@Converter
public class LabelsConverter implements AttributeConverter<Map<String, String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() { };
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public String convertToDatabaseColumn(Map<String, String> attribute) {
        return write(attribute);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String dbData) {
        return read(dbData);
    }

    /**
     * The JSON object, keys sorted; exactly the text Jackson writes for a sorted map (the same escapes),
     * written directly because the ingest path writes two of these per accepted alert.
     */
    public static String write(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return "{}";
        }
        String[] keys = map.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        StringBuilder json = new StringBuilder(16 * keys.length + 16);
        json.append('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, keys[i]);
            json.append(':');
            String value = map.get(keys[i]);
            if (value == null) {
                json.append("null");
            } else {
                quote(json, value);
            }
        }
        return json.append('}').toString();
    }

    /**
     * Jackson's default escapes: quote, backslash, the short forms of five control characters, a
     * six-character unicode escape for the other controls; everything else as it is.
     */
    private static void quote(StringBuilder json, String text) {
        json.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(text, plainFrom, i).append('\\');
            switch (c) {
                case '"', '\\' -> json.append(c);
                case '\b' -> json.append('b');
                case '\t' -> json.append('t');
                case '\n' -> json.append('n');
                case '\f' -> json.append('f');
                case '\r' -> json.append('r');
                default -> json.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            plainFrom = i + 1;
        }
        json.append(text, plainFrom, text.length()).append('"');
    }

    public static Map<String, String> read(String json) {
        if (json == null || json.isBlank()) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not a JSON object", e);
        }
    }
}
