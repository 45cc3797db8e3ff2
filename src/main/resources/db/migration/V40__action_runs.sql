-- Remediation action runs: a durable state machine. Every change of state is a compare-and-set on
-- (id, state) so that double approvals, retried requests and several hub instances move a run at most
-- once; only the instance whose update moved approved -> running executes it. Portable between H2 and
-- PostgreSQL.
create table action_runs (
    id                varchar(36)   primary key,
    incident_id       varchar(36)   references incidents(id),
    action_id         varchar(64)   not null,
    executor          varchar(16)   not null,
    risk              varchar(8)    not null,
    -- the catalog's target template filled in ("web-01", "pve-01/104"): unit of limits and breaker
    target            varchar(512)  not null,
    parameters_json   text          not null,
    proposed_by       varchar(256)  not null,
    -- analysis | rule | person | policy
    proposer_kind     varchar(16)   not null,
    -- unique: a retried proposal returns the run it created the first time
    idempotency_key   varchar(256)  not null unique,
    -- proposed, awaiting_approval, approved, running, verifying, succeeded, failed, rolled_back,
    -- rejected, expired, cancelled, outcome_unknown
    state             varchar(20)   not null,
    state_reason      varchar(2048),
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null,
    -- while awaiting approval: when the sweeper expires it
    expires_at        timestamp(6) with time zone,
    -- redacted and truncated texts
    dry_run           text,
    output            text,
    verify_result     text,
    rollback_output   text,
    -- ExecutorResult.state of PREPARE/EXECUTE (snapshot name...), JSON
    executor_state_json text,
    -- the instance running or verifying it, and until when its lease holds; a run whose lease ran out
    -- (the instance died) becomes outcome_unknown and is never re-run by itself
    claimed_by        varchar(128),
    lease_until       timestamp(6) with time zone,
    started_at        timestamp(6) with time zone,
    verify_deadline   timestamp(6) with time zone,
    finished_at       timestamp(6) with time zone
);
create index idx_action_runs_state on action_runs(state, expires_at);
create index idx_action_runs_incident on action_runs(incident_id, created_at);
create index idx_action_runs_action_target on action_runs(action_id, target, finished_at);
create index idx_action_runs_target_started on action_runs(target, started_at);

-- One row per person (or channel identity) who approved or rejected a run; the primary key stops the
-- same person counting twice towards a two-person rule.
create table action_run_decisions (
    run_id            varchar(36)   not null references action_runs(id),
    decided_by        varchar(256)  not null,
    -- api | telegram | slack
    channel           varchar(16)   not null,
    decision          varchar(8)    not null,
    comment           varchar(1024),
    decided_at        timestamp(6) with time zone not null,
    primary key (run_id, decided_by)
);

-- Effectiveness breaker resets: runs of (action, target) that ended before the latest reset no longer
-- count towards the breaker.
create table remediation_breaker_resets (
    action_id         varchar(64)   not null,
    target            varchar(512)  not null,
    reset_by          varchar(256)  not null,
    reset_at          timestamp(6) with time zone not null,
    primary key (action_id, target, reset_at)
);

-- One row, locked (select ... for update) by the transaction that checks the blast-radius limits and
-- moves a run approved -> running, so two instances cannot both pass a "max concurrent runs" check.
create table remediation_launch_lock (
    id                int           primary key
);
insert into remediation_launch_lock (id) values (1);
