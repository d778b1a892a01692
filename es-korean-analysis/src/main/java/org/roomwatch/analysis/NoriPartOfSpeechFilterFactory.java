package org.roomwatch.analysis;

import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.POS;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Drops particles, endings and other parts of speech that carry no search meaning. */
@NamedComponent("roomwatch_nori_part_of_speech")
public class NoriPartOfSpeechFilterFactory implements TokenFilterFactory {
    private final Set<POS.Tag> stopTags;

    @Inject
    public NoriPartOfSpeechFilterFactory(NoriSettings settings) {
        this.stopTags = NoriComponents.stopTags(settings.stopTags());
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new KoreanPartOfSpeechStopFilter(input, stopTags);
    }
}
