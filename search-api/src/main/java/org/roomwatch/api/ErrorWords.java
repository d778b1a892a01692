package org.roomwatch.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the domain says when input cannot be used (its messages are English, for the API and the logs), said again on
 * the pages in the reader's language. Each message a user can cause on a page has a template here; a message none
 * fits is shown as written rather than hidden.
 */
final class ErrorWords {
    private record Template(Pattern pattern, String key) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template(Pattern.compile("q: (.+) \\(at character (\\d+)\\)"), "error.syntax"),
            new Template(Pattern.compile("rule (\\d+): (.+)"), "error.rule"),
            new Template(Pattern.compile("page must be 1 or more, got (.+)"), "error.page"),
            new Template(Pattern.compile("page \\* size must not exceed (\\d+).*"), "error.window"),
            new Template(Pattern.compile("from is after to"), "error.dates"),
            new Template(Pattern.compile("Text '(.*)' could not be parsed.*"), "error.date"),
            new Template(Pattern.compile("a password needs at least (\\d+) characters"), "error.passwordShort"),
            new Template(Pattern.compile("a password may have at most (\\d+) characters"), "error.passwordLong"),
            new Template(Pattern.compile("user name \\[(.*)] must be .*"), "error.userName"),
            new Template(Pattern.compile("user (.+) exists already"), "error.userExists"),
            new Template(Pattern.compile("no user (.+)"), "error.noUser"),
            new Template(Pattern.compile("role must be investigator, analyst or admin, got \\[(.*)]"), "error.role"),
            new Template(Pattern.compile("member '(.*)' is not an email address"), "error.email"),
            new Template(Pattern.compile("a term needs at least 2 characters, got '(.*)'"), "error.termShort"),
            new Template(Pattern.compile("a term is at most (\\d+) characters"), "error.termLong"),
            new Template(Pattern.compile("terms are matched as written, not as patterns: '(.*)' .*"), "error.termPattern"),
            new Template(Pattern.compile("no school with id '(.*)' in the registry"), "error.noSchool"),
            new Template(Pattern.compile("no watched person with id '(.*)'"), "error.noPerson"),
            new Template(Pattern.compile("no hash set named '(.*)'"), "error.noHashSet"),
            new Template(Pattern.compile("an image rule is a PDQ hash of 64 hex digits.*got '(.*)'"), "error.imageRule"),
            new Template(Pattern.compile("(?:pdq: )?a PDQ hash is 64 hex digits.*"), "error.pdq"),
            new Template(Pattern.compile("the image is larger than (\\d+) bytes.*"), "error.imageTooLarge"),
            new Template(Pattern.compile("the image could not be hashed: (.*)"), "error.imageUnreadable"),
            new Template(Pattern.compile("the form has no 'image' part"), "error.noImage"),
            new Template(Pattern.compile("cursor has expired.*"), "error.cursorExpired"),
            new Template(Pattern.compile("cursor is not one this server gave out.*"), "error.cursorBad"),
            new Template(Pattern.compile("skip must be within 0\\.\\.(\\d+), got (.*)"), "error.skip"));

    /** The search syntax's own complaints, said inside {@code error.syntax}. */
    private static final Map<String, String> SYNTAX = Map.of(
            "OR needs a word or phrase before it", "syntax.orBefore",
            "an excluded word cannot have alternatives", "syntax.excludedOr",
            "OR cannot be followed by an excluded word", "syntax.orExcluded",
            "'-' needs a word or phrase right after it", "syntax.minus",
            "the quote opened here is never closed", "syntax.quote",
            "an empty phrase", "syntax.emptyPhrase",
            "OR needs a word or phrase after it", "syntax.orAfter",
            "a search needs at least one word that must appear, not only excluded ones", "syntax.onlyExcluded");

    private ErrorWords() {}

    static String say(String lang, String message) {
        if (message == null) {
            return "";
        }
        for (Template t : TEMPLATES) {
            Matcher m = t.pattern().matcher(message.strip().replace('\n', ' '));
            if (!m.matches()) {
                continue;
            }
            return switch (t.key()) {
                case "error.syntax" -> I18n.format(lang, t.key(), m.group(2),
                        SYNTAX.containsKey(m.group(1)) ? I18n.t(lang, SYNTAX.get(m.group(1))) : m.group(1));
                case "error.rule" -> I18n.format(lang, t.key(), m.group(1), say(lang, m.group(2)));
                default -> {
                    Object[] groups = new Object[m.groupCount()];
                    for (int i = 0; i < groups.length; i++) {
                        groups[i] = m.group(i + 1);
                    }
                    yield I18n.format(lang, t.key(), groups);
                }
            };
        }
        return message;
    }
}
