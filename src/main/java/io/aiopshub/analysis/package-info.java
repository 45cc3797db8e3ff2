/**
 * The analysis stage: log template mining, metric rules and anomaly detection. It turns logs and metrics
 * into events for the incident pipeline and attaches evidence (tables {@code incident_log_templates} and
 * {@code incident_metric_context}) that notifications and the LLM stage read.
 *
 * <p>Flyway versions are reserved per area to keep parallel work apart: V1–V9 core, V10–V19 log sources
 * and templates, V20–V29 metric rules, V30–V39 LLM analysis.
 */
package io.aiopshub.analysis;
