package io.aiopshub.analysis.logs;

/** Where one line went: its template (id and current text) and whether that template is new. */
public record TemplateMatch(String templateId, String template, boolean isNew) { }
