-- Estimated cost of an LLM analysis, from the price table in configuration (aiops.llm.prices).
alter table incident_analyses add column cost_usd double precision;
