package io.aiopshub.store;

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

    @Override
    public String convertToDatabaseColumn(Map<String, String> attribute) {
        return write(attribute);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String dbData) {
        return read(dbData);
    }

    public static String write(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels not serialisable", e);
        }
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
