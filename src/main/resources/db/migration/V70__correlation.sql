-- Correlated groups (issue 11): incidents linked as one problem, the learned service dependencies
-- behind the links, change events, and when which error/warning log templates were seen where.
-- Portable between H2 and PostgreSQL.

create table correlation_groups (
    id                  varchar(36)  primary key,
    root_incident_id    varchar(36)  not null,
    -- the ranked root candidates (RootCandidate list) as JSON, best first
    candidates_json     text         not null,
    -- hash of what makes the group material to its analysis: members, root, evidence keys
    signature           varchar(64)  not null,
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null
);

alter table incidents add column correlation_group_id varchar(36);
-- What the correlation last gave this incident (its group, role and evidence), hashed: the analysis loop
-- analyses again when it moves.
alter table incidents add column correlation_stamp varchar(64);
create index idx_incidents_correlation_group on incidents(correlation_group_id);

-- service depends_on target (a service or a host), learned from labels, log lines and groups.
create table learned_dependencies (
    service             varchar(256) not null,
    depends_on          varchar(256) not null,
    source              varchar(32)  not null,
    sightings           bigint       not null,
    first_seen_at       timestamp(6) with time zone not null,
    last_seen_at        timestamp(6) with time zone not null,
    primary key (service, depends_on, source)
);

-- How often two services were in one correlated group (service_a < service_b).
create table service_co_occurrences (
    service_a           varchar(256) not null,
    service_b           varchar(256) not null,
    groups_seen         bigint       not null,
    last_seen_at        timestamp(6) with time zone not null,
    primary key (service_a, service_b)
);

create table change_events (
    id                  varchar(64)  primary key,
    service             varchar(256),
    host                varchar(256),
    type                varchar(64)  not null,
    summary             varchar(2048) not null,
    at                  timestamp(6) with time zone not null,
    labels_json         text         not null,
    source              varchar(32)  not null,
    received_at         timestamp(6) with time zone not null
);
create index idx_change_events_at on change_events(at);

-- Error and warning log templates by service, host and minute: the log evidence of a time window.
create table log_template_activity (
    service             varchar(256) not null,
    host                varchar(256) not null,
    template_id         varchar(64)  not null,
    level               varchar(16)  not null,
    minute_at           timestamp(6) with time zone not null,
    occurrences         bigint       not null,
    example             text         not null,
    primary key (service, host, template_id, minute_at)
);
create index idx_log_template_activity_minute on log_template_activity(minute_at);
