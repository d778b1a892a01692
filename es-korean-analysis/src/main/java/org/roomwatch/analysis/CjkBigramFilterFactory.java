package org.roomwatch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Overlapping two-character grams over Hangul, Han and kana: finds 능욕 inside 지인능욕방 whatever the dictionary knows. */
@NamedComponent("roomwatch_cjk_bigram")
public class CjkBigramFilterFactory implements TokenFilterFactory {
    private final boolean outputUnigrams;

    @Inject
    public CjkBigramFilterFactory(BigramSettings settings) {
        this.outputUnigrams = settings.outputUnigrams();
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new CJKBigramFilter(input, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, outputUnigrams);
    }
}
