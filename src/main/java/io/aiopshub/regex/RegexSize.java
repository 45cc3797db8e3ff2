package io.aiopshub.regex;

/**
 * An upper-bound estimate of the program RE2/J compiles a regex into, computed from the text alone.
 * RE2/J expands a counted repetition {@code x{n}} into n copies and has no limit of its own on the
 * result, so the 24 characters {@code ((a{1000}){1000}){1000}} exhaust the heap while compiling. This
 * estimate multiplies an atom's size by its (nested) repetition counts so such a regex is refused
 * before it is compiled. It only has to be in the right range and never far below the real size:
 * the exact size is checked after compiling.
 */
final class RegexSize {

    /** RE2 refuses counts above 1000; anything larger is only counted as this. */
    private static final long MAX_COUNT = 1001;

    private final String regex;
    private final int length;
    private int pos;

    private RegexSize(String regex) {
        this.regex = regex;
        this.length = regex.length();
    }

    static long estimate(String regex) {
        RegexSize scanner = new RegexSize(regex);
        long total = 0;
        // A stray ')' ends alternation(); the rest is counted too (the compiler reports the error).
        while (scanner.pos < scanner.length) {
            total = add(total, scanner.alternation());
            scanner.pos++;
        }
        return total;
    }

    private long alternation() {
        long total = concatenation();
        while (pos < length && regex.charAt(pos) == '|') {
            pos++;
            total = add(total, add(1, concatenation()));
        }
        return total;
    }

    private long concatenation() {
        long total = 0;
        while (pos < length) {
            char c = regex.charAt(pos);
            if (c == '|' || c == ')') {
                return total;
            }
            total = add(total, quantified(atom()));
        }
        return total;
    }

    private long atom() {
        return switch (regex.charAt(pos)) {
            case '(' -> group();
            case '[' -> characterClass();
            case '\\' -> escape();
            default -> {
                pos++;
                yield 1;
            }
        };
    }

    private long group() {
        pos++;
        if (pos < length && regex.charAt(pos) == '?') {
            int p = pos + 1;
            if (p < length && (regex.charAt(p) == 'P' || regex.charAt(p) == '<')) {
                int close = regex.indexOf('>', p);
                pos = close < 0 ? length : close + 1;
            } else {
                while (p < length && regex.charAt(p) != ':' && regex.charAt(p) != ')') {
                    p++;
                }
                if (p < length && regex.charAt(p) == ')') {
                    pos = p + 1;
                    return 0; // (?i): flags only, no group
                }
                pos = Math.min(p + 1, length);
            }
        }
        long inner = alternation();
        if (pos < length && regex.charAt(pos) == ')') {
            pos++;
        }
        return add(inner, 2);
    }

    private long characterClass() {
        int start = pos;
        pos++;
        if (pos < length && regex.charAt(pos) == '^') {
            pos++;
        }
        if (pos < length && regex.charAt(pos) == ']') {
            pos++;
        }
        while (pos < length) {
            char c = regex.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == '[' && pos + 1 < length && regex.charAt(pos + 1) == ':' && regex.indexOf(":]", pos + 2) >= 0) {
                pos = regex.indexOf(":]", pos + 2) + 2;
            } else if (c == ']') {
                pos++;
                break;
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, length);
        // One instruction, but its ranges are copied with every repetition: count a long class as more.
        return 1 + (pos - start) / 16;
    }

    private long escape() {
        pos++;
        if (pos >= length) {
            return 1;
        }
        char c = regex.charAt(pos++);
        if (c == 'Q') {
            int end = regex.indexOf("\\E", pos);
            int stop = end < 0 ? length : end;
            long literal = Math.max(1, stop - pos);
            pos = end < 0 ? length : end + 2;
            return literal;
        }
        if ((c == 'p' || c == 'P' || c == 'x') && pos < length) {
            if (regex.charAt(pos) == '{') {
                int close = regex.indexOf('}', pos);
                pos = close < 0 ? length : close + 1;
            } else if (c != 'x') {
                pos++;
            }
        }
        return 1;
    }

    private long quantified(long atom) {
        long size = atom;
        while (pos < length) {
            char c = regex.charAt(pos);
            if (c == '*' || c == '+' || c == '?') {
                pos++;
                size = add(size, 1);
            } else if (c == '{') {
                int close = regex.indexOf('}', pos);
                long count = close < 0 ? -1 : count(regex.substring(pos + 1, close));
                if (count < 0) {
                    return size; // not a repetition: a literal '{', the next atom
                }
                pos = close + 1;
                size = add(multiply(size, count), 1);
            } else {
                return size;
            }
            if (pos < length && regex.charAt(pos) == '?') {
                pos++;
            }
        }
        return size;
    }

    /** The copies {@code {n}}, {@code {n,}} or {@code {n,m}} make, or -1 when the braces are no repetition. */
    private static long count(String inside) {
        int comma = inside.indexOf(',');
        String min = comma < 0 ? inside : inside.substring(0, comma);
        String max = comma < 0 ? "" : inside.substring(comma + 1);
        if (!digits(min) || (!max.isEmpty() && !digits(max))) {
            return -1;
        }
        long n = number(min);
        // x{n,m} compiles to n copies and m-n nested optional ones of about twice the size.
        return comma < 0 ? n : max.isEmpty() ? n + 1 : n + 2 * Math.max(0, number(max) - n);
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static long number(String digits) {
        return digits.length() > 4 ? MAX_COUNT : Math.min(MAX_COUNT, Long.parseLong(digits));
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return b == 0 ? 1 : a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
