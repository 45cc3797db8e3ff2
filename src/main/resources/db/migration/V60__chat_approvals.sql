-- Chat approvals (issue 10). Portable between H2 and PostgreSQL.

-- The short opaque id a button carries instead of the run id (Telegram allows 64 bytes of callback data).
create table chat_approval_refs (
    callback_id   varchar(16)  primary key,
    run_id        varchar(36)  not null unique,
    created_at    timestamp(6) with time zone not null
);

-- Where each approval message landed, so it can be edited after a decision and when the run ends.
-- No foreign key to action_runs: retention may delete runs first.
create table chat_posted_approvals (
    run_id        varchar(36)  not null,
    channel       varchar(16)  not null,
    chat_id       varchar(64)  not null,
    message_ref   varchar(64)  not null,
    posted_at     timestamp(6) with time zone not null,
    primary key (run_id, channel, chat_id)
);

-- Chat updates and clicks already handled (Telegram update keys, callback query ids, Slack action ids):
-- a redelivered update after a restart, or one seen by a second instance, is ignored. Kept two days
-- (Telegram keeps undelivered updates for 24 hours).
create table chat_seen_clicks (
    click_key     varchar(200) primary key,
    seen_at       timestamp(6) with time zone not null
);
create index idx_chat_seen_clicks_seen on chat_seen_clicks(seen_at);

-- How far the approval watcher has read action_run_events. Starts at the present, so an upgrade does not
-- post messages for old runs.
create table chat_approval_cursor (
    id            int          primary key,
    last_event_id bigint       not null
);
insert into chat_approval_cursor (id, last_event_id) select 1, coalesce(max(id), 0) from action_run_events;
