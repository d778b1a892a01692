package org.roomwatch.analysis;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.POS;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/** The message text analyzer: nori tokens, meaningless parts of speech dropped, Hanja read, Latin lower-cased. */
@NamedComponent("roomwatch_korean")
public class KoreanAnalyzerFactory implements AnalyzerFactory {
    private final NoriSettings settings;
    private final Set<POS.Tag> stopTags;

    @Inject
    public KoreanAnalyzerFactory(NoriSettings settings) {
        this.settings = settings;
        this.stopTags = NoriComponents.stopTags(settings.stopTags());
        NoriComponents.decompoundMode(settings.decompoundMode());
    }

    @Override
    public Analyzer create() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = NoriComponents.tokenizer(settings);
                TokenStream stream = new KoreanPartOfSpeechStopFilter(tokenizer, stopTags);
                stream = new KoreanReadingFormFilter(stream);
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(stream));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }
}
