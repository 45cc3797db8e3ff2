package io.aiopshub.remediation.mikrotik;

/** Where in a catalog action a mikrotik operation map sits. */
public enum MikrotikUse {
    RUN("run"),
    CHECK("verify.check"),
    ROLLBACK("rollback");

    private final String field;

    MikrotikUse(String field) {
        this.field = field;
    }

    /** The catalog field, for messages. */
    public String field() {
        return field;
    }
}
