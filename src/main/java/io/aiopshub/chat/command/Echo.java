package io.aiopshub.chat.command;

/** User input quoted back in an answer: short, on one line, so a bad word is recognisable but cannot flood the chat. */
final class Echo {

    private static final int MAX = 40;

    private Echo() { }

    static String of(String input) {
        String line = input.replaceAll("\\p{Cntrl}", "?");
        return "'" + (line.length() <= MAX ? line : line.substring(0, MAX) + "…") + "'";
    }
}
