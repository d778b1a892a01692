package org.roomwatch.analysis;

import java.util.List;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** Settings of the nori tokenizer and of the Korean analyzer built on it. */
@AnalysisSettings
public interface NoriSettings {
    /** none, discard or mixed: whether compounds such as 서울중학교 also yield their parts. */
    @StringSetting(path = "decompound_mode", defaultValue = "mixed")
    String decompoundMode();

    /** User dictionary entries, one per line as nori expects ("지인능욕방 지인 능욕 방"). */
    @ListSetting(path = "user_dictionary_rules")
    List<String> userDictionaryRules();

    @BooleanSetting(path = "discard_punctuation", defaultValue = true)
    boolean discardPunctuation();

    /** Part-of-speech tags removed by the analyzer; empty means nori's default stop tags. */
    @ListSetting(path = "stoptags")
    List<String> stopTags();
}
