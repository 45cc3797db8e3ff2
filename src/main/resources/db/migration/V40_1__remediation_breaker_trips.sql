-- Effectiveness breaker openings: one row each time the breaker of (action, target) opened. The row is
-- written by whoever first sees the breaker open, under the hub_locks row 'remediation_breaker', so the
-- timeline entry and the notification go out once even with several hub instances. A breaker is open
-- while its latest opening is newer than its latest reset (remediation_breaker_resets).
create table remediation_breaker_trips (
    action_id         varchar(64)   not null,
    target            varchar(512)  not null,
    tripped_at        timestamp(6) with time zone not null,
    -- the run whose end opened it and its incident (no foreign keys: retention may delete them first)
    run_id            varchar(36),
    incident_id       varchar(36),
    -- runs that had ended without a successful verify since the last reset
    failures          int           not null,
    primary key (action_id, target, tripped_at)
);
insert into hub_locks (name) values ('remediation_breaker');
