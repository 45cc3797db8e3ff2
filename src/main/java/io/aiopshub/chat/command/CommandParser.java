package io.aiopshub.chat.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.aiopshub.incident.Durations;
import io.aiopshub.incident.LabelMatcher;
import io.aiopshub.incident.SilenceService;
import io.aiopshub.incident.SilenceService.MatcherView;
import io.aiopshub.ingest.PayloadValidationException;

/**
 * Turns the text of a chat command into a {@link ChatCommand}, whatever platform it came from. Bad input is a
 * {@link ChatCommandException} whose message says what was wrong, prefixed with the command
 * ({@code "silence: duration '2x' is not a duration like 30m or 2h"}). Text whose first word is not a
 * command is a {@link ChatCommand.Question}.
 */
public final class CommandParser {

    public static final Set<String> SEVERITIES = Set.of("critical", "high", "warning", "info");

    /** A full id (UUID) or its first characters, as the answers show them. */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F][0-9a-fA-F-]{5,35}");
    /** Catalog action ids (CatalogChecks) and their parameter names. */
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private final CommandLimits limits;

    public CommandParser(CommandLimits limits) {
        this.limits = limits;
    }

    public ChatCommand parse(String input) {
        String text = normalise(input == null ? "" : input);
        if (text.isEmpty()) {
            return new ChatCommand.Help(null);
        }
        if (text.length() > CommandLimits.MAX_TEXT_LENGTH) {
            throw new ChatCommandException("the message is longer than " + CommandLimits.MAX_TEXT_LENGTH + " characters");
        }
        int space = firstSpace(text);
        String word = text.substring(0, space);
        Optional<Verb> verb = Verb.of(word);
        if (verb.isEmpty()) {
            return new ChatCommand.Question(text);
        }
        CommandCursor words = new CommandCursor(text, verb.get().word(), space);
        return switch (verb.get()) {
            case HELP -> help(words);
            case STATUS -> end(words, Verb.STATUS, new ChatCommand.Status());
            case INCIDENTS -> incidents(words);
            case INCIDENT -> end(words, Verb.INCIDENT, new ChatCommand.ShowIncident(id(words, Verb.INCIDENT, "incident")));
            case ACK -> new ChatCommand.Ack(id(words, Verb.ACK, "incident"), comment(words, Verb.ACK));
            case SILENCE -> silence(words);
            case UNSILENCE -> end(words, Verb.UNSILENCE, new ChatCommand.Unsilence(id(words, Verb.UNSILENCE, "silence")));
            case ANALYZE -> analyze(words);
            case ACTIONS -> end(words, Verb.ACTIONS, new ChatCommand.Actions(id(words, Verb.ACTIONS, "incident")));
            case RUN -> run(words);
            case APPROVE -> end(words, Verb.APPROVE, new ChatCommand.Approve(id(words, Verb.APPROVE, "run")));
            case REJECT -> new ChatCommand.Reject(id(words, Verb.REJECT, "run"), comment(words, Verb.REJECT));
            case RUNBOOK -> runbook(words);
        };
    }

    /** Chat apps turn quotes into typographic ones as you type; matchers need the plain ones. */
    private static String normalise(String text) {
        return text.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"').replace('\u2033', '"')
                .replace('\u00A0', ' ').trim();
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }

    private static ChatCommand end(CommandCursor words, Verb verb, ChatCommand command) {
        if (!words.atEnd()) {
            throw usage(verb, "unexpected " + Echo.of(words.rest()));
        }
        return command;
    }

    private static ChatCommand help(CommandCursor words) {
        Optional<String> topic = words.next();
        if (topic.isEmpty()) {
            return new ChatCommand.Help(null);
        }
        Verb verb = Verb.of(topic.get()).orElseThrow(() -> new ChatCommandException("help: there is no command "
                + Echo.of(topic.get()) + "; send help for the list"));
        return end(words, Verb.HELP, new ChatCommand.Help(verb));
    }

    private static ChatCommand incidents(CommandCursor words) {
        Optional<String> filter = words.next().map(CommandCursor::unquote);
        if (filter.isEmpty()) {
            return new ChatCommand.Incidents(null, null);
        }
        if (!words.atEnd()) {
            throw usage(Verb.INCIDENTS, "give at most one filter: a service or a severity (critical, high, warning, info)");
        }
        String value = filter.get();
        if (SEVERITIES.contains(value.toLowerCase(Locale.ROOT))) {
            return new ChatCommand.Incidents(null, value.toLowerCase(Locale.ROOT));
        }
        return new ChatCommand.Incidents(service(value, Verb.INCIDENTS), null);
    }

    private static String id(CommandCursor words, Verb verb, String what) {
        String id = words.next().orElseThrow(() -> usage(verb, "give the " + what + " id"));
        if (!ID.matcher(id).matches()) {
            String article = "aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ";
            throw usage(verb, Echo.of(id) + " is not " + article + what + " id (the id, or at least its first 6 characters)");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static String comment(CommandCursor words, Verb verb) {
        String comment = words.rest();
        if (comment.isEmpty()) {
            return null;
        }
        if (comment.length() > CommandLimits.MAX_COMMENT_LENGTH) {
            throw new ChatCommandException(verb.word() + ": the comment is longer than "
                    + CommandLimits.MAX_COMMENT_LENGTH + " characters");
        }
        return comment;
    }

    private ChatCommand silence(CommandCursor words) {
        List<String> matcherWords = new ArrayList<>();
        // Matchers are the words with an operator; the first word without one is the duration.
        while (words.peek().filter(w -> hasOperator(w) || w.replace(",", "").replace("}", "").isEmpty()).isPresent()) {
            matcherWords.add(words.next().orElseThrow());
        }
        if (matcherWords.isEmpty()) {
            throw usage(Verb.SILENCE, words.peek().map(w -> Echo.of(w) + " is not a matcher like service=\"api\"")
                    .orElse("give matchers and a duration"));
        }
        List<MatcherView> matchers = matchers(matcherWords);
        String durationWord = words.next().orElseThrow(() -> usage(Verb.SILENCE, "give a duration after the matchers, e.g. 2h"));
        Duration duration = duration(durationWord, Verb.SILENCE, "duration", limits.maxSilence());
        return new ChatCommand.Silence(matchers, duration, comment(words, Verb.SILENCE));
    }

    private List<MatcherView> matchers(List<String> words) {
        List<String> texts = new ArrayList<>();
        for (String word : words) {
            texts.addAll(splitOnCommas(word));
        }
        if (!texts.isEmpty()) {
            // Alertmanager's {a="b",c="d"} form.
            texts.set(0, texts.get(0).startsWith("{") ? texts.get(0).substring(1) : texts.get(0));
            int last = texts.size() - 1;
            texts.set(last, texts.get(last).endsWith("}") ? texts.get(last).substring(0, texts.get(last).length() - 1) : texts.get(last));
            texts.removeIf(String::isBlank);
        }
        if (texts.isEmpty()) {
            throw usage(Verb.SILENCE, "give matchers, e.g. service=\"api\"");
        }
        if (texts.size() > limits.maxMatchers()) {
            throw new ChatCommandException("silence: " + texts.size() + " matchers; at most " + limits.maxMatchers() + " are allowed");
        }
        List<MatcherView> views = new ArrayList<>();
        for (String text : texts) {
            LabelMatcher matcher;
            try {
                matcher = LabelMatcher.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ChatCommandException("silence: " + (hasOperator(text)
                        ? e.getMessage().replace("'" + text + "'", Echo.of(text))
                        : Echo.of(text) + " is not a matcher like service=\"api\""));
            }
            boolean regex = matcher.op() == LabelMatcher.Op.REGEX || matcher.op() == LabelMatcher.Op.NOT_REGEX;
            int max = regex ? Math.min(limits.maxRegexLength(), limits.maxMatcherLength()) : limits.maxMatcherLength();
            if (matcher.value().length() > max || matcher.name().length() > limits.maxMatcherLength()) {
                throw new ChatCommandException("silence: the matcher for " + Echo.of(matcher.name())
                        + " is longer than " + max + " characters");
            }
            views.add(new MatcherView(matcher.name(), matcher.op().symbol(), matcher.value()));
        }
        try {
            SilenceService.validateMatchers(views);
        } catch (PayloadValidationException e) {
            throw new ChatCommandException("silence: " + e.getProblems().get(0).message());
        }
        return views;
    }

    /** Every matcher operator ({@code =}, {@code !=}, {@code =~}, {@code !~}) has a {@code =} or is {@code !~}. */
    private static boolean hasOperator(String word) {
        return word.contains("=") || word.contains("!~");
    }

    /** Splits at commas outside double quotes. */
    private static List<String> splitOnCommas(String word) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\\' && quoted && i + 1 < word.length()) {
                current.append(c).append(word.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static Duration duration(String word, Verb verb, String what, Duration max) {
        Duration duration;
        try {
            duration = Durations.parse(word);
        } catch (IllegalArgumentException e) {
            throw new ChatCommandException(verb.word() + ": " + what + " " + Echo.of(word)
                    + " is not a duration like 30m or 2h");
        }
        if (duration.isZero()) {
            throw new ChatCommandException(verb.word() + ": " + what + " must be longer than 0");
        }
        if (duration.compareTo(max) > 0) {
            throw new ChatCommandException(verb.word() + ": " + what + " " + Echo.of(word) + " is longer than the limit of "
                    + Texts.duration(max));
        }
        return duration;
    }

    private ChatCommand analyze(CommandCursor words) {
        String service = service(words.next().map(CommandCursor::unquote)
                .orElseThrow(() -> usage(Verb.ANALYZE, "give a service")), Verb.ANALYZE);
        Duration window = words.next().map(w -> duration(w, Verb.ANALYZE, "window", limits.maxAnalyzeWindow()))
                .orElse(DEFAULT_WINDOW);
        return end(words, Verb.ANALYZE, new ChatCommand.Analyze(service, window));
    }

    private static String service(String service, Verb verb) {
        if (service.isBlank() || service.length() > CommandLimits.MAX_SERVICE_LENGTH
                || service.chars().anyMatch(Character::isISOControl)) {
            throw usage(verb, Echo.of(service) + " is not a service name (1 to "
                    + CommandLimits.MAX_SERVICE_LENGTH + " characters)");
        }
        return service;
    }

    private static ChatCommand run(CommandCursor words) {
        String action = words.next().orElseThrow(() -> usage(Verb.RUN, "give the action, e.g. run restart_service host=web-01"));
        if (!ACTION.matcher(action).matches()) {
            throw usage(Verb.RUN, Echo.of(action) + " is not an action id (lower case letters, digits and _)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Optional<String> word = words.next(); word.isPresent(); word = words.next()) {
            int equals = word.get().indexOf('=');
            String key = equals < 0 ? "" : word.get().substring(0, equals);
            if (equals < 0 || !PARAMETER.matcher(key).matches()) {
                throw usage(Verb.RUN, Echo.of(word.get()) + " is not key=value");
            }
            String value = CommandCursor.unquote(word.get().substring(equals + 1));
            if (value.length() > CommandLimits.MAX_PARAMETER_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
                throw new ChatCommandException("run: the value of " + Echo.of(key) + " must be at most "
                        + CommandLimits.MAX_PARAMETER_LENGTH + " characters on one line");
            }
            if (parameters.put(key, value) != null) {
                throw new ChatCommandException("run: parameter " + Echo.of(key) + " is given twice");
            }
            if (parameters.size() > CommandLimits.MAX_PARAMETERS) {
                throw new ChatCommandException("run: more than " + CommandLimits.MAX_PARAMETERS + " parameters");
            }
        }
        return new ChatCommand.Run(action, parameters);
    }

    private static ChatCommand runbook(CommandCursor words) {
        String query = words.rest();
        if (query.isEmpty()) {
            throw usage(Verb.RUNBOOK, "give some words to look for, e.g. runbook disk full");
        }
        if (query.length() > 500) {
            throw new ChatCommandException("runbook: give at most 500 characters to look for");
        }
        return new ChatCommand.Runbook(query);
    }

    private static ChatCommandException usage(Verb verb, String problem) {
        return new ChatCommandException(verb.word() + ": " + problem + "\nusage: " + verb.usage());
    }
}
