package io.aiopshub.store;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs in-memory bookkeeping only once the database work it describes is committed: inside a
 * transaction after its commit (never after a rollback), outside one at once.
 */
public final class AfterCommit {

    private AfterCommit() { }

    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
