package org.roomwatch.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;

/** Builds nori pieces from settings, with errors that name the setting at fault. */
final class NoriComponents {
    private NoriComponents() {}

    static KoreanTokenizer tokenizer(NoriSettings settings) {
        return new KoreanTokenizer(
                TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
                userDictionary(settings.userDictionaryRules()),
                decompoundMode(settings.decompoundMode()),
                false,
                settings.discardPunctuation());
    }

    static DecompoundMode decompoundMode(String value) {
        try {
            return DecompoundMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "decompound_mode must be one of none, discard, mixed; got [" + value + "]");
        }
    }

    static UserDictionary userDictionary(List<String> rules) {
        if (rules == null || rules.isEmpty()) {
            return null;
        }
        try {
            return UserDictionary.open(new StringReader(String.join("\n", rules)));
        } catch (IOException e) {
            throw new UncheckedIOException("user_dictionary_rules could not be read", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("user_dictionary_rules is not a valid nori user dictionary: " + e.getMessage(), e);
        }
    }

    static Set<POS.Tag> stopTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS;
        }
        Set<POS.Tag> result = EnumSet.noneOf(POS.Tag.class);
        for (String tag : tags) {
            try {
                result.add(POS.Tag.valueOf(tag.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stoptags has an unknown part-of-speech tag [" + tag + "]");
            }
        }
        return result;
    }
}
