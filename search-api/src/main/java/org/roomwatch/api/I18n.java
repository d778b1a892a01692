package org.roomwatch.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The pages' one translation mechanism: every word of every page is a key in {@code i18n/pages_ko.properties} (the
 * default) and {@code i18n/pages_en.properties}, read as UTF-8. A key missing from either is a start-up error.
 */
final class I18n {
    private static final Map<String, Properties> WORDS = Map.of("ko", load("ko"), "en", load("en"));

    static {
        if (!WORDS.get("ko").keySet().equals(WORDS.get("en").keySet())) {
            throw new IllegalStateException("i18n/pages_ko.properties and pages_en.properties must have the same keys");
        }
    }

    private I18n() {}

    /** The word for {@code key} in {@code lang} ("ko" or "en"; anything else is Korean). */
    static String t(String lang, String key) {
        String word = WORDS.get("en".equals(lang) ? "en" : "ko").getProperty(key);
        if (word == null) {
            throw new IllegalArgumentException("no text for " + key);
        }
        return word;
    }

    /** Whether there are words for {@code key} (both languages have the same keys). */
    static boolean has(String key) {
        return WORDS.get("ko").containsKey(key);
    }

    /** The text for {@code key} in {@code lang} with {@code {0}}, {@code {1}} … replaced by {@code values}. */
    static String format(String lang, String key, Object... values) {
        String text = t(lang, key);
        for (int i = 0; i < values.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return text;
    }

    /** The word for {@code key} in the language of this request. */
    static String t(Context ctx, String key) {
        return t(Layout.lang(ctx), key);
    }

    /** The words for {@code keys}, in order (table headers). */
    static String[] all(String lang, String... keys) {
        String[] out = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = t(lang, keys[i]);
        }
        return out;
    }

    /** Every key (the same in both languages). */
    static Set<String> keys() {
        return WORDS.get("ko").stringPropertyNames();
    }

    private static Properties load(String lang) {
        String path = "/i18n/pages_" + lang + ".properties";
        try (InputStream in = I18n.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            Properties words = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                words.load(reader);
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
