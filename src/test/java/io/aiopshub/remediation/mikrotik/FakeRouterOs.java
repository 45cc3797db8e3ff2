package io.aiopshub.remediation.mikrotik;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

/**
 * An in-process RouterOS API server for tests: the real word encoding (its own implementation, so a
 * mistake in the client's codec is not mirrored here), tagged replies, a small stateful model of
 * address lists, interfaces, IP addresses, bridge ports and resources. {@code !empty} before {@code !done}
 * for prints that find nothing is RouterOS 7.18+ behaviour and on by default.
 */
final class FakeRouterOs implements AutoCloseable {

    static final String USER = "hub";
    static final String PASSWORD = "Rb-s3cret!pw";

    /** Every sentence received, in order, on all connections. */
    final List<List<String>> received = new CopyOnWriteArrayList<>();
    final Map<String, Map<String, String>> addressList = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Map<String, String>> interfaces = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<Map<String, String>> ipAddresses = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> bridgePorts = new CopyOnWriteArrayList<>();
    final Map<String, String> resources = Collections.synchronizedMap(new LinkedHashMap<>());

    /** RouterOS 7.18+: a print that finds nothing answers {@code !empty} then {@code !done}. */
    volatile boolean sendsEmpty = true;
    /** Reads and records, never answers (a hung router). */
    volatile boolean silent;
    /** A command that gets {@code !fatal} and a closed connection. */
    volatile String fatalOn;
    /** Reboot closes the connection without answering first. */
    volatile boolean rebootWithoutAnswer;
    /** Answers a sentence itself when it returns non-null (the request's tag is added to replies that have none). */
    volatile Function<List<String>, List<List<String>>> override = sentence -> null;

    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private int nextId = 0x1A;

    private FakeRouterOs(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::acceptLoop, "fake-routeros-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        resources.putAll(Map.of("uptime", "3d4h5m6s", "version", "7.18.2 (stable)", "board-name", "RB4011iGS+",
                "cpu-load", "4", "free-memory", "858993459", "total-memory", "1073741824"));
        addInterface("*1", "ether1", false);
        addInterface("*5", "ether5", false);
    }

    static FakeRouterOs plain() throws IOException {
        return new FakeRouterOs(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    static FakeRouterOs tls(SSLContext context) throws IOException {
        return new FakeRouterOs(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return server.getLocalPort();
    }

    void addInterface(String id, String name, boolean disabled) {
        interfaces.put(id, new LinkedHashMap<>(Map.of(".id", id, "name", name, "type", "ether",
                "disabled", Boolean.toString(disabled), "running", Boolean.toString(!disabled))));
    }

    String addEntry(String list, String address, String timeout, String comment) {
        String id = "*" + Integer.toHexString(nextId++).toUpperCase();
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(".id", id);
        entry.put("list", list);
        entry.put("address", address);
        if (timeout != null) {
            entry.put("timeout", timeout);
        }
        if (comment != null) {
            entry.put("comment", comment);
        }
        entry.put("disabled", "false");
        entry.put("dynamic", Boolean.toString(timeout != null));
        addressList.put(id, entry);
        return id;
    }

    /** Received sentences without the login, which every connection starts with. */
    List<List<String>> commands() {
        return received.stream().filter(s -> !s.isEmpty() && !"/login".equals(s.get(0))).toList();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread handler = new Thread(() -> serve(client), "fake-routeros-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            boolean loggedIn = false;
            while (true) {
                List<String> sentence = readSentence(in);
                received.add(sentence);
                if (silent) {
                    continue;
                }
                String tag = sentence.stream().filter(w -> w.startsWith(".tag=")).findFirst().orElse(null);
                List<List<String>> custom = override.apply(sentence);
                if (custom != null) {
                    for (List<String> reply : custom) {
                        boolean ownTag = reply.stream().anyMatch(w -> w.startsWith(".tag="));
                        write(out, reply.get(0).equals("!fatal") || ownTag ? reply : tagged(reply, tag));
                    }
                    out.flush();
                    continue;
                }
                String command = sentence.get(0);
                if (command.equals(fatalOn) || (!loggedIn && !command.equals("/login"))) {
                    write(out, List.of("!fatal", loggedIn ? "session terminated on request" : "not logged in"));
                    out.flush();
                    return;
                }
                if (command.equals("/login")) {
                    Map<String, String> a = attributes(sentence);
                    if (USER.equals(a.get("name")) && PASSWORD.equals(a.get("password"))) {
                        loggedIn = true;
                        reply(out, tag, List.of(), List.of("!done"));
                    } else {
                        reply(out, tag, List.of(List.of("!trap", "=message=invalid user name or password (6)")), List.of("!done"));
                    }
                    continue;
                }
                if (command.equals("/system/reboot") && rebootWithoutAnswer) {
                    return;
                }
                answer(out, tag, sentence);
                if (command.equals("/system/reboot")) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away, or close() stopped the fake.
        }
    }

    private void answer(OutputStream out, String tag, List<String> sentence) throws IOException {
        String command = sentence.get(0);
        Map<String, String> a = attributes(sentence);
        switch (command) {
            case "/ip/firewall/address-list/print" -> print(out, tag, sentence, List.copyOf(addressList.values()));
            case "/ip/firewall/address-list/add" -> {
                boolean exists = addressList.values().stream()
                        .anyMatch(e -> e.get("list").equals(a.get("list")) && e.get("address").equals(a.get("address")));
                if (exists) {
                    trap(out, tag, "failure: already have such entry");
                } else {
                    String id = addEntry(a.get("list"), a.get("address"), a.get("timeout"), a.get("comment"));
                    reply(out, tag, List.of(), List.of("!done", "=ret=" + id));
                }
            }
            case "/ip/firewall/address-list/remove" -> {
                if (addressList.remove(a.get(".id")) == null) {
                    trap(out, tag, "no such item");
                } else {
                    reply(out, tag, List.of(), List.of("!done"));
                }
            }
            case "/interface/print" -> print(out, tag, sentence, List.copyOf(interfaces.values()));
            case "/interface/disable", "/interface/enable" -> {
                Map<String, String> item = interfaces.get(a.get("numbers"));
                if (item == null) {
                    trap(out, tag, "no such item");
                } else {
                    boolean disable = command.endsWith("disable");
                    item.put("disabled", Boolean.toString(disable));
                    item.put("running", Boolean.toString(!disable));
                    reply(out, tag, List.of(), List.of("!done"));
                }
            }
            case "/ip/address/print" -> print(out, tag, sentence, List.copyOf(ipAddresses));
            case "/interface/bridge/port/print" -> print(out, tag, sentence, List.copyOf(bridgePorts));
            case "/system/resource/print" -> print(out, tag, sentence, List.of(Map.copyOf(resources)));
            case "/system/reboot" -> reply(out, tag, List.of(), List.of("!done"));
            default -> reply(out, tag, List.of(List.of("!trap", "=category=0", "=message=no such command prefix")), List.of("!done"));
        }
    }

    /** Items matching every {@code ?key=value}, with only the {@code .proplist} properties. */
    private void print(OutputStream out, String tag, List<String> sentence, List<Map<String, String>> items) throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String word : sentence) {
            if (word.startsWith("?")) {
                int eq = word.indexOf('=');
                queries.put(word.substring(1, eq), word.substring(eq + 1));
            }
        }
        String proplist = attributes(sentence).get(".proplist");
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> item : items) {
            if (queries.entrySet().stream().allMatch(q -> q.getValue().equals(item.get(q.getKey())))) {
                List<String> row = new ArrayList<>();
                row.add("!re");
                item.forEach((k, v) -> {
                    if (proplist == null || List.of(proplist.split(",")).contains(k)) {
                        row.add("=" + k + "=" + v);
                    }
                });
                rows.add(row);
            }
        }
        if (rows.isEmpty() && sendsEmpty) {
            rows.add(List.of("!empty"));
        }
        reply(out, tag, rows, List.of("!done"));
    }

    private void trap(OutputStream out, String tag, String message) throws IOException {
        reply(out, tag, List.of(List.of("!trap", "=message=" + message)), List.of("!done"));
    }

    private void reply(OutputStream out, String tag, List<List<String>> before, List<String> done) throws IOException {
        for (List<String> sentence : before) {
            write(out, tagged(sentence, tag));
        }
        write(out, tagged(done, tag));
        out.flush();
    }

    private static List<String> tagged(List<String> sentence, String tag) {
        List<String> words = new ArrayList<>(sentence);
        if (tag != null) {
            words.add(tag);
        }
        return words;
    }

    private static Map<String, String> attributes(List<String> sentence) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String word : sentence) {
            if (word.startsWith("=")) {
                int eq = word.indexOf('=', 1);
                a.put(word.substring(1, eq), word.substring(eq + 1));
            }
        }
        return a;
    }

    // --- The word encoding, written out independently of the client's RouterOsWords. ---

    static void write(OutputStream out, List<String> sentence) throws IOException {
        for (String word : sentence) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            out.write(lengthPrefix(bytes.length));
            out.write(bytes);
        }
        out.write(0);
    }

    static byte[] lengthPrefix(long n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (n <= 0x7F) {
            b.write((int) n);
        } else if (n <= 0x3FFF) {
            b.write((int) (0x80 + (n / 0x100)));
            b.write((int) (n % 0x100));
        } else if (n <= 0x1FFFFF) {
            b.write((int) (0xC0 + (n / 0x10000)));
            b.write((int) ((n / 0x100) % 0x100));
            b.write((int) (n % 0x100));
        } else if (n <= 0xFFFFFFF) {
            b.write((int) (0xE0 + (n / 0x1000000)));
            b.write((int) ((n / 0x10000) % 0x100));
            b.write((int) ((n / 0x100) % 0x100));
            b.write((int) (n % 0x100));
        } else {
            b.write(0xF0);
            for (int shift = 24; shift >= 0; shift -= 8) {
                b.write((int) ((n >> shift) & 0xFF));
            }
        }
        return b.toByteArray();
    }

    static List<String> readSentence(InputStream in) throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            int first = next(in);
            long n;
            if (first < 0x80) {
                n = first;
            } else if (first < 0xC0) {
                n = (first - 0x80) * 0x100L + next(in);
            } else if (first < 0xE0) {
                n = (first - 0xC0) * 0x10000L + next(in) * 0x100L + next(in);
            } else if (first < 0xF0) {
                n = (first - 0xE0) * 0x1000000L + next(in) * 0x10000L + next(in) * 0x100L + next(in);
            } else {
                n = next(in) * 0x1000000L + next(in) * 0x10000L + next(in) * 0x100L + next(in);
            }
            if (n == 0) {
                return words;
            }
            byte[] bytes = in.readNBytes((int) n);
            if (bytes.length < n) {
                throw new EOFException();
            }
            words.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
