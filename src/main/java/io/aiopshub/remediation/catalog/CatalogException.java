package io.aiopshub.remediation.catalog;

/** The catalog file is missing, unreadable or inconsistent; the message lists every problem found. */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
