-- Mined log templates per service, so template ids survive restarts.
create table log_templates (
    service         varchar(256) not null,
    template_id     varchar(64)  not null,
    template        text         not null,
    occurrences     bigint       not null,
    first_seen_at   timestamp(6) with time zone not null,
    last_seen_at    timestamp(6) with time zone not null,
    primary key (service, template_id)
);
