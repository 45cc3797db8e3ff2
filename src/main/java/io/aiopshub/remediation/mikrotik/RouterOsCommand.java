package io.aiopshub.remediation.mikrotik;

import java.util.ArrayList;
import java.util.List;

/**
 * One API command as words: the path ({@code /ip/firewall/address-list/add}), attributes ({@code =key=value})
 * and queries ({@code ?key=value}). Values travel as separate words, so nothing is ever quoted or parsed as
 * CLI text; a value with a control character is refused because no RouterOS field takes one and it can only
 * come from tampered input.
 */
public record RouterOsCommand(String path, List<String> arguments) {

    public RouterOsCommand {
        if (path == null || !path.startsWith("/") || hasControl(path)) {
            throw new IllegalArgumentException("invalid API command path " + path);
        }
        arguments = List.copyOf(arguments);
    }

    public static RouterOsCommand of(String path) {
        return new RouterOsCommand(path, List.of());
    }

    /** Adds {@code =name=value}. */
    public RouterOsCommand with(String name, String value) {
        return append("=", name, value);
    }

    /** Adds {@code ?name=value}: only items whose property equals the value (several are ANDed). */
    public RouterOsCommand where(String name, String value) {
        return append("?", name, value);
    }

    /** Adds {@code =.proplist=...}: the properties the router returns. */
    public RouterOsCommand properties(String... names) {
        return with(".proplist", String.join(",", names));
    }

    private RouterOsCommand append(String prefix, String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " has no value");
        }
        if (hasControl(value)) {
            throw new IllegalArgumentException(name + " contains a control character");
        }
        List<String> more = new ArrayList<>(arguments);
        more.add(prefix + name + "=" + value);
        return new RouterOsCommand(path, more);
    }

    /** The words of the sentence, without the tag. */
    public List<String> words() {
        List<String> words = new ArrayList<>(arguments.size() + 1);
        words.add(path);
        words.addAll(arguments);
        return words;
    }

    @Override
    public String toString() {
        return String.join(" ", words());
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
