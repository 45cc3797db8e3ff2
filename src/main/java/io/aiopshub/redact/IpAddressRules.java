package io.aiopshub.redact;

import java.util.Arrays;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** IPv4 and IPv6 addresses, masked only on request: they are usually the best clue in an incident. */
final class IpAddressRules {

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\.?[0-9])");
    private static final String HEXTET = "[0-9a-f]{1,4}";
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)(?<![\\w:])(?:(?:" + HEXTET + "(?::" + HEXTET + "){0,6})?::(?:" + HEXTET + "(?::" + HEXTET + "){0,6})?"
                    + "|" + HEXTET + "(?::" + HEXTET + "){7})(?:%[A-Za-z0-9]+)?(?![\\w:])");

    private IpAddressRules() {
    }

    static RedactionRule ipv4() {
        return PatternRule.mask("ipv4", IPV4, "ip");
    }

    static RedactionRule ipv6() {
        return new PatternRule("ipv6", IPV6, IpAddressRules::ipv6);
    }

    /** The regex accepts too many groups around "::" (e.g. 7 + 7); the group count settles it. */
    private static String ipv6(MatchResult m) {
        String raw = m.group();
        int zone = raw.indexOf('%');
        String address = zone >= 0 ? raw.substring(0, zone) : raw;
        int compressions = countOccurrences(address, "::");
        if (compressions > 1 || address.contains(":::")) {
            return raw;
        }
        String[] groups = address.replace("::", ":").split(":");
        long nonEmpty = Arrays.stream(groups).filter(g -> !g.isEmpty()).count();
        boolean valid = compressions == 1 ? nonEmpty >= 1 && nonEmpty <= 7 : nonEmpty == 8;
        return valid ? Markers.of("ip") : raw;
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}
