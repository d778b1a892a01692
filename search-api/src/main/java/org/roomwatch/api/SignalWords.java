package org.roomwatch.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A room's risk reasons in the reader's language. The index keeps them as the scorer wrote them (English, one
 * sentence per reason, from a handful of templates); each template is read back here and said again in words.
 * A reason no template fits is shown as written.
 */
final class SignalWords {
    private record Template(Pattern pattern, String key) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template(Pattern.compile("title or description uses (.+) \\(\\+(\\d+)\\)"), "signal.roomWords"),
            new Template(Pattern.compile("title or description names a school \\(\\+(\\d+)\\)"), "signal.roomSchool"),
            new Template(Pattern.compile("(\\d+%) of (\\d+) messages use the lexicon \\(most: (.+)\\) \\(\\+(\\d+)\\)"), "signal.lexiconMost"),
            new Template(Pattern.compile("(\\d+%) of (\\d+) messages use the lexicon \\(\\+(\\d+)\\)"), "signal.lexicon"),
            new Template(Pattern.compile("(\\d+%) of (\\d+) messages name a school \\(\\+(\\d+)\\)"), "signal.school"),
            new Template(Pattern.compile("(\\d+%) of (\\d+) messages carry photos, videos or files \\(\\+(\\d+)\\)"), "signal.media"),
            new Template(Pattern.compile("no signal: no lexicon word, school or media seen"), "signal.none"),
            new Template(Pattern.compile("the room has not been captured"), "signal.notCaptured"));

    private SignalWords() {}

    static String say(String lang, String reason) {
        for (Template t : TEMPLATES) {
            Matcher m = t.pattern().matcher(reason);
            if (m.matches()) {
                Object[] groups = new Object[m.groupCount()];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = m.group(i + 1);
                }
                return I18n.format(lang, t.key(), groups);
            }
        }
        return reason;
    }
}
