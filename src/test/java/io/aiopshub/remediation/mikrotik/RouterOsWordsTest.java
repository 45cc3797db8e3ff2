package io.aiopshub.remediation.mikrotik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class RouterOsWordsTest {

    @Test
    void encodesLengthsAtEveryBoundaryOfThePrefixSize() {
        assertThat(RouterOsWords.encodeLength(0)).containsExactly(0x00);
        assertThat(RouterOsWords.encodeLength(0x7F)).containsExactly(0x7F);
        assertThat(RouterOsWords.encodeLength(0x80)).containsExactly(0x80, 0x80);
        assertThat(RouterOsWords.encodeLength(0x3FFF)).containsExactly(0xBF, 0xFF);
        assertThat(RouterOsWords.encodeLength(0x4000)).containsExactly(0xC0, 0x40, 0x00);
        assertThat(RouterOsWords.encodeLength(0x1FFFFF)).containsExactly(0xDF, 0xFF, 0xFF);
        assertThat(RouterOsWords.encodeLength(0x200000)).containsExactly(0xE0, 0x20, 0x00, 0x00);
        assertThat(RouterOsWords.encodeLength(0xFFFFFFF)).containsExactly(0xEF, 0xFF, 0xFF, 0xFF);
        assertThat(RouterOsWords.encodeLength(0x10000000)).containsExactly(0xF0, 0x10, 0x00, 0x00, 0x00);
        assertThat(RouterOsWords.encodeLength(Integer.MAX_VALUE)).containsExactly(0xF0, 0x7F, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void decodesEveryBoundaryBackAndAgreesWithTheTestRoutersEncoding() throws IOException {
        for (int n : new int[] {0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000, 0xFFFFFFF, 0x10000000, Integer.MAX_VALUE}) {
            assertThat(RouterOsWords.readLength(new ByteArrayInputStream(RouterOsWords.encodeLength(n)))).as("length %x", n).isEqualTo(n);
            assertThat(RouterOsWords.encodeLength(n)).as("length %x", n).isEqualTo(FakeRouterOs.lengthPrefix(n));
        }
    }

    @Test
    void sentencesWithWordsOfEveryPrefixSizeSurviveTheRoundTrip() throws IOException {
        List<String> words = List.of("!re", "=a=" + "x".repeat(0x7F - 3), "=b=" + "y".repeat(0x80 - 3),
                "=c=" + "z".repeat(0x3FFF - 3), "=d=" + "w".repeat(0x4000 - 3), "=e=" + "v".repeat(0x1FFFFF - 3),
                "=f=" + "u".repeat(0x200000 - 3), "=g=bl\u00e5b\u00e6r");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RouterOsWords.writeSentence(out, words);
        byte[] bytes = out.toByteArray();
        // Prefix sizes: 1 (0x7F), 2 (0x80), 2 (0x3FFF), 3 (0x4000), 3 (0x1FFFFF), 4 (0x200000).
        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertThat(bytes[4]).isEqualTo((byte) 0x7F);
        assertThat(bytes[4 + 1 + 0x7F]).isEqualTo((byte) 0x80);
        assertThat(bytes[bytes.length - 1]).isZero();

        assertThat(RouterOsWords.readSentence(new ByteArrayInputStream(bytes))).isEqualTo(words);
        assertThat(FakeRouterOs.readSentence(new ByteArrayInputStream(bytes))).isEqualTo(words);
    }

    @Test
    void multiByteCharactersCountInBytes() throws IOException {
        String word = "=comment=" + "\u00e6".repeat(70);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RouterOsWords.writeSentence(out, List.of(word));
        // 9 + 140 bytes: a two-byte prefix although the word has only 79 characters.
        assertThat(out.toByteArray()).startsWith(0x80, 149);
    }

    @Test
    void refusesControlBytePrefixesOversizedWordsAndTruncatedInput() {
        assertThatThrownBy(() -> RouterOsWords.readLength(new ByteArrayInputStream(new byte[] {(byte) 0xF8})))
                .isInstanceOf(RouterOsProtocolException.class).hasMessageContaining("0xF8");
        byte[] huge = RouterOsWords.encodeLength(RouterOsWords.MAX_WORD_BYTES + 1);
        assertThatThrownBy(() -> RouterOsWords.readSentence(new ByteArrayInputStream(huge)))
                .isInstanceOf(RouterOsProtocolException.class).hasMessageContaining("larger than the limit");
        assertThatThrownBy(() -> RouterOsWords.readSentence(new ByteArrayInputStream(new byte[] {5, 'a', 'b'})))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> RouterOsWords.readSentence(new ByteArrayInputStream(new byte[] {(byte) 0x80})))
                .isInstanceOf(EOFException.class);
    }
}
