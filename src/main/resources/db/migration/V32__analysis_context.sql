-- Similar past incidents and runbook sections shown with an analysis (and given to the LLM).
alter table incident_analyses add column similar_json text;
alter table incident_analyses add column runbooks_json text;
