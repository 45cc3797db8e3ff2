package io.aiopshub.remediation.mikrotik;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.aiopshub.remediation.executor.ExecutorPhase;

/**
 * The command stage: carries the plan's step out on the open session. DRY_RUN only reads (the current
 * entries, the interface, the resources) and says what would be sent; CHECK only reads.
 */
@Component
public class MikrotikDialog {

    private final AddressListOperations addressLists = new AddressListOperations();
    private final InterfaceOperations interfaces = new InterfaceOperations();
    private final SystemOperations system = new SystemOperations();

    public MikrotikOutcome run(MikrotikSession session) {
        MikrotikPlan plan = session.plan();
        RouterOsConnection c = session.connection();
        MikrotikStep step = plan.step();
        Map<String, String> state = plan.request().state();
        if (plan.request().phase() == ExecutorPhase.DRY_RUN) {
            return switch (step.type()) {
                case ADDRESS_LIST_ADD, ADDRESS_LIST_REMOVE -> addressLists.preview(c, step);
                case INTERFACE_DISABLE, INTERFACE_ENABLE -> interfaces.preview(c, step);
                case RESOURCES, REBOOT -> system.preview(c, step);
                default -> throw new IllegalStateException(step.type().id() + " is not a run operation");
            };
        }
        return switch (step.type()) {
            case ADDRESS_LIST_ADD -> addressLists.add(c, step);
            case ADDRESS_LIST_REMOVE -> undoesAdd(plan) ? addressLists.removeAdded(c, step, state) : addressLists.removeAll(c, step);
            case INTERFACE_DISABLE, INTERFACE_ENABLE -> interfaces.apply(c, step, state);
            case RESOURCES -> system.read(c);
            case REBOOT -> system.reboot(c);
            case ADDRESS_LIST_CONTAINS, ADDRESS_LIST_ABSENT -> addressLists.check(c, step);
            case INTERFACE_STATE -> interfaces.check(c, step);
            case UPTIME_BELOW -> system.checkUptime(c, step);
        };
    }

    /** A rollback that removes what the action's own run added: only that entry goes, not others of the address. */
    private static boolean undoesAdd(MikrotikPlan plan) {
        return plan.step().use() == MikrotikUse.ROLLBACK
                && MikrotikOperationType.ADDRESS_LIST_ADD.id().equals(plan.request().action().run().get("operation"));
    }
}
