-- What an LLM analysis cost: the (redacted) prompt, the answer, latency and estimated tokens.
alter table incident_analyses add column prompt text;
alter table incident_analyses add column response text;
alter table incident_analyses add column latency_ms bigint;
alter table incident_analyses add column tokens_in integer;
alter table incident_analyses add column tokens_out integer;
