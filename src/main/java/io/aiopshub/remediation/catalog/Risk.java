package io.aiopshub.remediation.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Risk {
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH
}
