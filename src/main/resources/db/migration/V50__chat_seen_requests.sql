-- Signed chat requests already accepted (Slack's v0 signature, hex), kept until their timestamp leaves the
-- accepted window: a replayed request is refused by every hub instance.
create table chat_seen_requests (
    signature   varchar(128) primary key,
    expires_at  timestamp(6) with time zone not null
);
create index idx_chat_seen_requests_expiry on chat_seen_requests(expires_at);
