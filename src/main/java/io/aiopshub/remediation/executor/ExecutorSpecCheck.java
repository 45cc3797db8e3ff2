package io.aiopshub.remediation.executor;

import java.util.List;

import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.Executor;

/**
 * Each executor's start-up check of the catalog entries it runs: their {@code run}, {@code verify.check}
 * and {@code rollback} in its own terms. A problem stops the start (and a reload) with the action named.
 */
public interface ExecutorSpecCheck {

    Executor executor();

    /** Problems of one action of this executor, each a sentence naming the field; empty when fine. */
    List<String> problems(ActionDefinition action);
}
