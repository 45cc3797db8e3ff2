package io.aiopshub.remediation.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * Schema of one action parameter, a small subset of JSON Schema.
 *
 * @param pattern    RE2 regex the whole string value must match (strings only)
 * @param maxLength  most characters of a string value (strings only); RE2 has no lookaround, so a
 *                   pattern that forbids something cannot also bound the length
 * @param allowed    permitted string values, the {@code enum} keyword (strings only)
 * @param minimum    inclusive lower bound (integer and number only)
 * @param maximum    inclusive upper bound (integer and number only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterSpec(
        ParameterType type,
        boolean required,
        String description,
        String pattern,
        Integer maxLength,
        @JsonProperty("enum") List<String> allowed,
        BigDecimal minimum,
        BigDecimal maximum) {

    public ParameterSpec {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }
}
