package org.roomwatch.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/** Korean morphological tokenizer (nori) with decompound mode and user dictionary settings. */
@NamedComponent("roomwatch_nori_tokenizer")
public class NoriTokenizerFactory implements TokenizerFactory {
    private final NoriSettings settings;

    @Inject
    public NoriTokenizerFactory(NoriSettings settings) {
        this.settings = settings;
        // Fail at index creation, not at the first document, when a setting is wrong.
        NoriComponents.decompoundMode(settings.decompoundMode());
        NoriComponents.userDictionary(settings.userDictionaryRules());
    }

    @Override
    public Tokenizer create() {
        return NoriComponents.tokenizer(settings);
    }
}
