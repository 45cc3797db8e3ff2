-- The incident engine writes every index of alerts for every new alert (and again when it commits). The
-- unique pair and the lookup by fingerprint become one index: (fingerprint, incident_id) is as unique as
-- (incident_id, fingerprint) and also serves the engine's lookup by fingerprint. Lookups by incident use
-- idx_alerts_incident (V12).
alter table alerts drop constraint uq_alert_incident;
drop index idx_alerts_fingerprint;
create unique index uq_alerts_fingerprint_incident on alerts(fingerprint, incident_id);
