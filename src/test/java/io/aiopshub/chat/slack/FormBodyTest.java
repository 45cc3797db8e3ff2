package io.aiopshub.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.aiopshub.ingest.PayloadValidationException;

class FormBodyTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesPercentEscapesAndPlusAsSpace() {
        assertThat(FormBody.parse(bytes("text=Disk.%2A+full%3D%22x%22&user_id=U1&empty=&bare")))
                .containsEntry("text", "Disk.* full=\"x\"").containsEntry("user_id", "U1")
                .containsEntry("empty", "").containsEntry("bare", "");
        assertThat(FormBody.parse(bytes("text=caf%C3%A9+%E2%9C%93"))).containsEntry("text", "café ✓");
        assertThat(FormBody.parse(new byte[0])).isEmpty();
    }

    @Test
    void refusesDuplicatesBadEscapesAndInvalidUtf8NamingTheField() {
        assertThatThrownBy(() -> FormBody.parse(bytes("user_id=U1&user_id=U2")))
                .isInstanceOf(PayloadValidationException.class).hasMessage("user_id: appears more than once");
        assertThatThrownBy(() -> FormBody.parse(bytes("text=%zz")))
                .isInstanceOf(PayloadValidationException.class).hasMessage("text: is not valid form encoding");
        assertThatThrownBy(() -> FormBody.parse(new byte[] {'t', '=', (byte) 0xC3, (byte) 0x28}))
                .isInstanceOf(PayloadValidationException.class).hasMessage("$: the form body is not UTF-8");
    }
}
