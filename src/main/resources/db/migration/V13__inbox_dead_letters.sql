-- Stored events the incident engine could not apply (for example a value its columns cannot hold,
-- accepted before the API checked for it). Each is moved here, with the error, in its own transaction,
-- so the events behind it are applied as usual. The id is the event's inbox id. Portable between H2
-- and PostgreSQL.
create table inbox_dead_letters (
    id               bigint       primary key,
    source           varchar(64)  not null,
    fingerprint      varchar(32)  not null,
    status           varchar(16)  not null,
    labels_json      text         not null,
    annotations_json text         not null,
    starts_at        timestamp(6) with time zone not null,
    ends_at          timestamp(6) with time zone,
    generator_url    varchar(2048),
    received_at      timestamp(6) with time zone not null,
    failed_at        timestamp(6) with time zone not null,
    error            varchar(2048) not null
);
create index idx_inbox_dead_letters_failed on inbox_dead_letters(failed_at);
