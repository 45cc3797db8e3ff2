package io.aiopshub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stored label text is compared as text (equal maps must give equal text), so the hand-written
 * writer must write exactly what Jackson wrote for the same sorted map before it.
 */
class LabelsConverterTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void writesWhatJacksonWritesForEveryCharacterAsKeyAndAsValue() throws Exception {
        for (int from = 0; from < 0x10000; from += 256) {
            Map<String, String> labels = new HashMap<>();
            StringBuilder all = new StringBuilder();
            for (int c = from; c < from + 256; c++) {
                if (Character.isSurrogate((char) c)) {
                    continue;
                }
                labels.put("k" + (char) c, "v" + (char) c + "w");
                all.append((char) c);
            }
            labels.put(all.toString(), all.toString());
            assertThat(LabelsConverter.write(labels)).isEqualTo(JACKSON.writeValueAsString(new TreeMap<>(labels)));
        }
    }

    @Test
    void writesWhatJacksonWritesForRandomLabelSets() throws Exception {
        Random random = new Random(8);
        String alphabet = "aZ_09 \"\\/\n\r\t\b\f\u0000\u001f\u007f\u00e9\u2028\u6771\ud83d\ude42{}:,";
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> labels = new LinkedHashMap<>();
            int size = random.nextInt(8);
            for (int i = 0; i < size; i++) {
                labels.put(randomText(random, alphabet), randomText(random, alphabet));
            }
            String written = LabelsConverter.write(labels);
            assertThat(written).isEqualTo(JACKSON.writeValueAsString(new TreeMap<>(labels)));
            assertThat(LabelsConverter.read(written)).isEqualTo(labels);
        }
    }

    @Test
    void anEmptyOrMissingMapIsAnEmptyObject() {
        assertThat(LabelsConverter.write(Map.of())).isEqualTo("{}");
        assertThat(LabelsConverter.write(null)).isEqualTo("{}");
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
