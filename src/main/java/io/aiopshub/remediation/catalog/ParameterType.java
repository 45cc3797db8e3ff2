package io.aiopshub.remediation.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ParameterType {
    @JsonProperty("string") STRING,
    @JsonProperty("integer") INTEGER,
    @JsonProperty("number") NUMBER,
    @JsonProperty("boolean") BOOLEAN
}
