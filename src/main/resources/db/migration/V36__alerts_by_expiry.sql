-- The engine's loop looks for firing alerts whose ends_at has passed several times a second.
create index idx_alerts_expiry on alerts(status, ends_at);
