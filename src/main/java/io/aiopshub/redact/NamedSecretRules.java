package io.aiopshub.redact;

import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Secrets whose name and value are not joined by '=' or ':': command-line flags, curl's -u, and
 * environment entries written as separate name and value fields. The name decides, as for key/value pairs.
 */
final class NamedSecretRules {

    /** curl -u user:password; only after "curl" because "-u uid:gid" elsewhere (docker run) is not a secret. */
    private static final Pattern CURL_USER = Pattern.compile(
            "(\\bcurl\\b[^\\r\\n]*?[ \\t](?:-u|--user)(?:[ \\t]+|=)[\"']?)([^\\s:'\"@]+):([^\\s'\"\\[][^\\s'\"]*)");

    /** --password VALUE (space-separated; the '=' form is a key/value pair). */
    private static final Pattern CLI_FLAG = Pattern.compile(
            "(?<=^|[ \\t])--([A-Za-z][A-Za-z0-9\\-]*)([ \\t]+)(\"[^\"\\r\\n\\[]*\"|'[^'\\r\\n\\[]*'|[^\\s\"'\\[\\-][^\\s\"']*)");

    /** Environment entries written as name/value pairs: Kubernetes env YAML and docker/k8s JSON. */
    private static final Pattern ENV_YAML = Pattern.compile(
            "(\\bname:[ \\t]*[\"']?([A-Za-z_][A-Za-z0-9_.\\-]*)[\"']?[ \\t]*\\r?\\n[ \\t]*value:[ \\t]*)"
                    + "(\"[^\"\\\\\\r\\n]*+(?:\\\\.[^\"\\\\\\r\\n]*+)*+\"|'[^'\\r\\n]*'|[^\\s\"'\\[][^\\r\\n]*)");
    private static final Pattern ENV_JSON = Pattern.compile(
            "(\"name\"[ \\t]*:[ \\t]*\"([A-Za-z_][A-Za-z0-9_.\\-]*)\"[ \\t]*,[ \\t]*\"value\"[ \\t]*:[ \\t]*)"
                    + "(\"[^\"\\\\\\r\\n]*+(?:\\\\.[^\"\\\\\\r\\n]*+)*+\")");

    private final SecretKeyClassifier keyClassifier = new SecretKeyClassifier();

    RedactionRule curlUser() {
        return new PatternRule("curl-user", CURL_USER, m -> m.group(1) + m.group(2) + ":" + Markers.of("password"));
    }

    RedactionRule cliFlag() {
        return new PatternRule("cli-flag", CLI_FLAG, this::cliFlag);
    }

    RedactionRule envYaml() {
        return new PatternRule("env-yaml", ENV_YAML, this::namedValue);
    }

    RedactionRule envJson() {
        return new PatternRule("env-json", ENV_JSON, this::namedValue);
    }

    private String cliFlag(MatchResult m) {
        return keyClassifier.classify(m.group(1))
                .map(kind -> "--" + m.group(1) + m.group(2) + Markers.masked(m.group(3), kind))
                .orElse(m.group());
    }

    /** Group 1 is everything before the value, group 2 the variable name, group 3 the (possibly quoted) value. */
    private String namedValue(MatchResult m) {
        String value = m.group(3);
        return keyClassifier.classify(m.group(2))
                .map(kind -> m.group(1) + Markers.masked(value, kind))
                .orElse(m.group());
    }
}
