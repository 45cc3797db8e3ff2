package io.aiopshub.remediation.mikrotik;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One logged-in API session: sends a command as a tagged sentence and reads the reply sentences up to
 * {@code !done}. Understands {@code !re}, {@code !done}, {@code !trap}, {@code !empty} (RouterOS 7.18 and
 * later, for a print that finds nothing) and {@code !fatal}; anything else ends the session as a protocol
 * error rather than waiting for a {@code !done} that would never come. Every read is bounded by the read
 * timeout and the call's deadline; after any failure the connection is closed.
 */
public final class RouterOsConnection implements AutoCloseable {

    /** Words longer than this are shortened in the transcript (the output shown to people). */
    private static final int TRANSCRIPT_WORD_CHARS = 200;
    /** Most {@code !re} rows accepted in one reply. */
    static final int MAX_ROWS = 10_000;

    private final Socket socket;
    private final String peer;
    private final Deadline deadline;
    private final Duration readTimeout;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> transcript = new ArrayList<>();
    private int tag;
    private boolean deadlineBoundLastRead;

    RouterOsConnection(Socket socket, String peer, Deadline deadline, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.peer = peer;
        this.deadline = deadline;
        this.readTimeout = readTimeout;
        this.in = new BufferedInputStream(new TimedInput(socket.getInputStream()));
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** {@code host:port} of the router, for messages. */
    public String peer() {
        return peer;
    }

    /** The router's address as this connection reached it (to recognise the interface it arrives on). */
    public String remoteAddress() {
        return socket.getInetAddress() == null ? "" : socket.getInetAddress().getHostAddress();
    }

    /** The sentences sent and received so far, one per line ({@code >} sent, {@code <} received); never the password. */
    public List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** The login of RouterOS 6.43 and later: name and password in one sentence. */
    void login(String username, String password) {
        transcript.add("> /login =name=" + username + " =password=(hidden)");
        RouterOsReply reply = exchange(List.of("/login", "=name=" + username, "=password=" + password), false);
        if (reply.failed()) {
            close();
            throw new RouterOsException("login as '" + username + "' refused by " + peer + ": " + reply.trap());
        }
        if (reply.done().containsKey("ret")) {
            close();
            throw new RouterOsException(peer + " answered the login with a challenge (the login of RouterOS before 6.43);"
                    + " this hub needs RouterOS 6.43 or later");
        }
    }

    /** Sends the command and returns the whole reply; a {@code !trap} is in the reply, not an exception. */
    public RouterOsReply call(RouterOsCommand command) {
        return exchange(command.words(), true);
    }

    private RouterOsReply exchange(List<String> words, boolean record) {
        String command = words.get(0);
        String ownTag = Integer.toString(++tag);
        List<String> sentence = new ArrayList<>(words);
        sentence.add(".tag=" + ownTag);
        if (record) {
            transcript.add("> " + render(sentence));
        }
        try {
            if (deadline.passed()) {
                throw new SocketTimeoutException("deadline passed before sending");
            }
            RouterOsWords.writeSentence(out, sentence);
            return readReply(command, ownTag);
        } catch (SocketTimeoutException e) {
            close();
            throw new RouterOsException(timeoutMessage(command), e);
        } catch (EOFException e) {
            close();
            throw new RouterOsClosedException(peer + " closed the connection before answering " + command);
        } catch (RouterOsProtocolException e) {
            close();
            throw new RouterOsException("protocol error from " + peer + " answering " + command + ": " + e.getMessage(), e);
        } catch (IOException e) {
            close();
            throw new RouterOsException("connection to " + peer + " failed during " + command + ": " + e.getMessage(), e);
        }
    }

    private RouterOsReply readReply(String command, String ownTag) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> traps = new ArrayList<>();
        while (true) {
            List<String> reply = RouterOsWords.readSentence(in);
            if (reply.isEmpty()) {
                continue;
            }
            transcript.add("< " + render(reply));
            String type = reply.get(0);
            if ("!fatal".equals(type)) {
                close();
                String reason = String.join(" ", reply.subList(1, reply.size())).trim();
                throw new RouterOsException(peer + " ended the session (!fatal) answering " + command + ": "
                        + (reason.isEmpty() ? "no reason given" : reason));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            String replyTag = null;
            for (String word : reply.subList(1, reply.size())) {
                if (word.startsWith(".tag=")) {
                    replyTag = word.substring(5);
                } else if (word.startsWith("=")) {
                    int eq = word.indexOf('=', 1);
                    if (eq < 0) {
                        attributes.put(word.substring(1), "");
                    } else {
                        attributes.put(word.substring(1, eq), word.substring(eq + 1));
                    }
                }
            }
            if (replyTag != null && !replyTag.equals(ownTag)) {
                throw new RouterOsProtocolException("reply tagged " + replyTag + " while waiting for tag " + ownTag);
            }
            switch (type) {
                case "!re" -> {
                    if (rows.size() == MAX_ROWS) {
                        throw new RouterOsProtocolException("more than " + MAX_ROWS + " rows");
                    }
                    rows.add(attributes);
                }
                case "!empty" -> {
                    // RouterOS 7.18+: the print found nothing; !done still follows.
                }
                case "!trap" -> traps.add(attributes.getOrDefault("message", "(no message)"));
                case "!done" -> {
                    return new RouterOsReply(rows, attributes, traps.isEmpty() ? null : String.join("; ", traps));
                }
                default -> throw new RouterOsProtocolException("unexpected reply '" + shorten(type) + "'");
            }
        }
    }

    private String timeoutMessage(String command) {
        if (deadlineBoundLastRead || deadline.passed()) {
            return "the action's time limit of " + human(deadline.total()) + " passed waiting for " + peer + " to answer " + command;
        }
        return "no answer from " + peer + " to " + command + " within the read timeout of " + human(readTimeout);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String render(List<String> words) {
        List<String> shown = new ArrayList<>(words.size());
        for (String w : words) {
            shown.add(shorten(w));
        }
        return String.join(" ", shown);
    }

    private static String shorten(String word) {
        return word.length() <= TRANSCRIPT_WORD_CHARS ? word
                : word.substring(0, TRANSCRIPT_WORD_CHARS) + "...(" + word.length() + " characters)";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that failed already: nothing left to release.
        }
    }

    /** Sets the socket timeout before every read, so neither a silent router nor a slow trickle outlives the deadline. */
    private final class TimedInput extends FilterInputStream {

        TimedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            bound();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            bound();
            return super.read(b, off, len);
        }

        private void bound() throws IOException {
            if (deadline.passed()) {
                deadlineBoundLastRead = true;
                throw new SocketTimeoutException("deadline passed");
            }
            deadlineBoundLastRead = deadline.cutsShort(readTimeout);
            socket.setSoTimeout(deadline.millisWithin(readTimeout));
        }
    }
}
