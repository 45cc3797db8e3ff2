-- An incident's alerts are read by the API, the analysis loop and retention: index them by incident.
create index idx_alerts_incident on alerts(incident_id, id);
