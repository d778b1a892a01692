package org.roomwatch.indexer;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomwatch.core.MediaRef;
import org.roomwatch.core.Message;
import org.roomwatch.tagging.Tagging;

/**
 * The enrichment step of the pipeline: text normalised (NFC, so decomposed Hangul from some clients matches),
 * hashtags, @handles and every URL in the text, and the tags of the current {@link Tagging} (schools, grades,
 * regions, phones, handles, KakaoTalk ids, watched people) as index fields.
 */
public final class MessageEnricher {
    private final Supplier<Tagging> tagging;

    /** No schools, no watched people: text features only. */
    public MessageEnricher() {
        this(Tagging::none);
    }

    /** {@code tagging} is asked for each message, so a recompiled registry takes effect at once. */
    public MessageEnricher(Supplier<Tagging> tagging) {
        this.tagging = tagging;
    }

    private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]{1,64})");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w.])@([A-Za-z][A-Za-z0-9_]{3,31})");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");

    /**
     * @param imageText the text read in the message's pictures, a line per picture (null: none)
     * @param tagFields the tags of the text and of the pictures' text together; those found only in a picture are also
     *                  listed in {@code in_picture} as {@code field:value} (school_ids:S1, phones:01012345678)
     */
    public record Enrichment(String text, List<String> hashtags, List<String> handles, List<String> links,
                             Map<String, Object> tagFields, String imageText) {
        public Enrichment(String text, List<String> hashtags, List<String> handles, List<String> links, Map<String, Object> tagFields) {
            this(text, hashtags, handles, links, tagFields, null);
        }
    }

    public Enrichment enrich(Message message) {
        String text = nfc(message.text());
        Set<String> hashtags = new LinkedHashSet<>();
        Set<String> handles = new LinkedHashSet<>();
        Set<String> links = new LinkedHashSet<>(message.links());
        if (text != null) {
            // Scans run only when their one required character is there.
            if (text.indexOf('#') >= 0) {
                collect(HASHTAG.matcher(text), 1, hashtags);
            }
            if (text.indexOf('@') >= 0) {
                collect(HANDLE.matcher(text), 1, handles);
            }
            if (text.indexOf("://") >= 0) {
                collect(URL.matcher(text), 0, links);
            }
        }
        Tagging tags = tagging.get();
        Map<String, Object> tagFields = tags.fieldsOf(text);
        String imageText = imageText(message);
        if (imageText != null) {
            // The same tagger on the pictures' text, with school names OCR commonly misreads put back first.
            PictureTags.merge(tagFields, tags.fieldsOf(tags.repairPictureText(imageText)));
        }
        return new Enrichment(text, List.copyOf(hashtags), List.copyOf(handles), List.copyOf(links), tagFields, imageText);
    }

    /** The text read in the message's pictures, NFC, a line per picture with text; null when none had any. */
    static String imageText(Message message) {
        StringBuilder out = new StringBuilder();
        for (MediaRef ref : message.media()) {
            if (ref.text() != null && ref.text().hasText()) {
                out.append(out.isEmpty() ? "" : "\n").append(ref.text().text());
            }
        }
        return out.isEmpty() ? null : nfc(out.toString());
    }

    /** School and mention fields for a room, from its title and description. */
    /**
     * A room's tags: from its title, its description and its username, which rooms often spell the school in
     * (t.me/hanbit_yeogo); a username without a Latin letter (an account room's numeric id) says nothing.
     */
    public Map<String, Object> roomTags(String title, String description, String username) {
        String text = (title == null ? "" : title) + "\n" + (description == null ? "" : description)
                + (username != null && username.chars().anyMatch(c -> (c | 32) >= 'a' && (c | 32) <= 'z') ? "\n" + username : "");
        return tagging.get().fieldsOf(text);
    }

    /** NFC; the check first, as nearly every text already is NFC and checking is far cheaper than normalizing. */
    private static String nfc(String text) {
        if (text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return text;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static void collect(Matcher matcher, int group, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(group).replaceAll("[.,!?)]+$", ""));
        }
    }
}
