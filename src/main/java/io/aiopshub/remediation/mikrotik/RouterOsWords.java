package io.aiopshub.remediation.mikrotik;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RouterOS API word encoding: each word is a length prefix of 1 to 5 bytes (chosen by the length's
 * size, the high bits of the first byte say how many follow) and the word's bytes; a sentence is words
 * ended by an empty word.
 */
final class RouterOsWords {

    /** Largest word accepted from a router; real answers are far smaller, a broken peer must not exhaust memory. */
    static final int MAX_WORD_BYTES = 16 * 1024 * 1024;
    /** Most words in one sentence accepted from a router. */
    static final int MAX_SENTENCE_WORDS = 10_000;

    private RouterOsWords() {
    }

    /** The length prefix for a word of {@code length} bytes. */
    static byte[] encodeLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x4000) {
            int v = length | 0x8000;
            return new byte[] {(byte) (v >> 8), (byte) v};
        }
        if (length < 0x200000) {
            int v = length | 0xC00000;
            return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
        }
        if (length < 0x10000000) {
            int v = length | 0xE0000000;
            return new byte[] {(byte) (v >>> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
        }
        return new byte[] {(byte) 0xF0, (byte) (length >>> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    /** Reads one length prefix. */
    static int readLength(InputStream in) throws IOException {
        int first = readByte(in);
        if ((first & 0x80) == 0) {
            return first;
        }
        if ((first & 0xC0) == 0x80) {
            return ((first & 0x3F) << 8) | readByte(in);
        }
        if ((first & 0xE0) == 0xC0) {
            return ((first & 0x1F) << 16) | (readByte(in) << 8) | readByte(in);
        }
        if ((first & 0xF0) == 0xE0) {
            return ((first & 0x0F) << 24) | (readByte(in) << 16) | (readByte(in) << 8) | readByte(in);
        }
        if (first == 0xF0) {
            long length = ((long) readByte(in) << 24) | (readByte(in) << 16) | (readByte(in) << 8) | readByte(in);
            if (length > Integer.MAX_VALUE) {
                throw new RouterOsProtocolException("word length " + length + " is too large");
            }
            return (int) length;
        }
        // 0xF8 and above are control bytes, which the API does not use.
        throw new RouterOsProtocolException(String.format("invalid word length prefix 0x%02X", first));
    }

    static void writeSentence(OutputStream out, List<String> words) throws IOException {
        for (String word : words) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            out.write(encodeLength(bytes.length));
            out.write(bytes);
        }
        out.write(0);
        out.flush();
    }

    /** Reads words up to the empty word that ends the sentence; an end of stream before it is an {@link EOFException}. */
    static List<String> readSentence(InputStream in) throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            int length = readLength(in);
            if (length == 0) {
                return words;
            }
            if (length > MAX_WORD_BYTES) {
                throw new RouterOsProtocolException("word of " + length + " bytes is larger than the limit of " + MAX_WORD_BYTES);
            }
            if (words.size() == MAX_SENTENCE_WORDS) {
                throw new RouterOsProtocolException("sentence has more than " + MAX_SENTENCE_WORDS + " words");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException("connection closed by the router in the middle of a word");
            }
            words.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the router");
        }
        return b;
    }
}
