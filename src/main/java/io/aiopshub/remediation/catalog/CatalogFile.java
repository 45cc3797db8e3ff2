package io.aiopshub.remediation.catalog;

import java.util.List;

/** Top-level shape of the catalog YAML, only used for reading it. */
record CatalogFile(Integer version, List<ActionDefinition> actions) {
}
