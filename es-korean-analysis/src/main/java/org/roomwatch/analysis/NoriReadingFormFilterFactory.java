package org.roomwatch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Replaces Hanja with their Hangul reading, so 中學校 and 중학교 meet. */
@NamedComponent("roomwatch_nori_readingform")
public class NoriReadingFormFilterFactory implements TokenFilterFactory {
    @Override
    public TokenStream create(TokenStream input) {
        return new KoreanReadingFormFilter(input);
    }
}
