package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The pages' one translation mechanism: two bundles with the same keys, nothing blank, placeholders filled. */
class I18nTest {
    @Test
    void everyKeyHasAWordInBothLanguages() {
        assertFalse(I18n.keys().isEmpty());
        for (String key : I18n.keys()) {
            assertFalse(I18n.t("ko", key).isBlank(), key + " in Korean");
            assertFalse(I18n.t("en", key).isBlank(), key + " in English");
        }
    }

    @Test
    void koreanIsTheDefaultAndUnknownKeysAreRefused() {
        assertEquals("로그인", I18n.t("ko", "login"));
        assertEquals("로그인", I18n.t("fr", "login"));
        assertEquals("Log in", I18n.t("en", "login"));
        assertThrows(IllegalArgumentException.class, () -> I18n.t("ko", "no.such.key"));
    }

    @Test
    void placeholdersAreFilledInOrder() {
        assertEquals("일치하는 이미지 3개, 방 2곳, 메시지 7건", I18n.format("ko", "case.summary", 3, 2, 7));
        assertEquals("3 matching images in 2 rooms, 7 messages", I18n.format("en", "case.summary", 3, 2, 7));
    }
}
