package io.aiopshub.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser's EventSource as far as the tests care: one GET over a plain socket (so closing it is a client
 * really going away), the answer's head, then the body's lines as they arrive, chunked framing removed.
 */
final class EventStream implements AutoCloseable {

    /** Queued after the last line when the stream ended (last chunk, end of connection or read error). */
    private static final String END = "\u0000end";

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** The server ended the body properly (the last chunk), rather than the connection just breaking. */
    private volatile boolean completed;

    private EventStream(Socket socket, int status, Map<String, String> headers) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
    }

    /** Opens the stream with these request headers (e.g. the session cookie) and reads the answer's head. */
    static EventStream open(int port, String path, Map<String, String> requestHeaders) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(60_000);
        StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost:").append(port)
                .append("\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n");
        requestHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String[] answer = readHead(in).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < answer.length; i++) {
            int colon = answer[i].indexOf(':');
            if (colon > 0) {
                headers.put(answer[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), answer[i].substring(colon + 1).trim());
            }
        }
        EventStream stream = new EventStream(socket, Integer.parseInt(answer[0].split(" ")[1]), headers);
        Thread reader = new Thread(() -> stream.readBody(in), "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Reads lines until one equals {@code wanted}; false when the stream ended or the time ran out first. */
    boolean awaitLine(String wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                if (line != null) {
                    lines.add(END);
                }
                return false;
            }
            if (line.equals(wanted)) {
                return true;
            }
        }
    }

    /** True when the server ended the stream within the time (lines before the end are skipped). */
    boolean awaitEnd(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return false;
            }
            if (line.equals(END)) {
                lines.add(END);
                return true;
            }
        }
    }

    /** After {@link #awaitEnd}: whether the server finished the body with its last chunk. */
    boolean completed() {
        return completed;
    }

    /** Lines received so far and not yet read, without waiting. */
    String drain() {
        StringBuilder text = new StringBuilder();
        for (String line = lines.poll(); line != null && !line.equals(END); line = lines.poll()) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readBody(InputStream in) {
        try {
            boolean chunked = "chunked".equalsIgnoreCase(header("Transfer-Encoding"));
            if (!chunked) {
                String length = header("Content-Length");
                byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
                new String(body, StandardCharsets.UTF_8).lines().forEach(lines::add);
                return;
            }
            StringBuilder line = new StringBuilder();
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    completed = true;
                    return;
                }
                for (byte b : in.readNBytes(size)) {
                    if (b == '\n') {
                        lines.add(line.toString());
                        line.setLength(0);
                    } else if (b != '\r') {
                        line.append((char) b);
                    }
                }
                readLine(in);
            }
        } catch (IOException | RuntimeException e) {
            // The connection ended (or was closed by the test): that is the end of the stream.
        } finally {
            lines.add(END);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (b == -1 && line.isEmpty()) {
            throw new IOException("connection closed");
        }
        return line.toString();
    }
}
