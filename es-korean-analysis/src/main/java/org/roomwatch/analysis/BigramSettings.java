package org.roomwatch.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;

/** Settings of the CJK bigram filter. */
@AnalysisSettings
public interface BigramSettings {
    /** Also emit single characters, so one-syllable queries match too. */
    @BooleanSetting(path = "output_unigrams", defaultValue = false)
    boolean outputUnigrams();
}
