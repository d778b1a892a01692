package org.roomwatch.crawler.telegram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;

/**
 * The elements of one post, indexed by class in a single walk of its subtree: a post is read with a dozen
 * lookups, and a selector each would walk the subtree a dozen times (the parser's main cost on big crawls). Only
 * the classes the parser reads are kept, each found by comparing the class token in place.
 */
final class PostParts {
    private static final String PREFIX = "tgme_widget_message_";
    /** The classes read from a post; a lookup of any other class is a programming error. */
    private static final List<String> WANTED = List.of("tgme_widget_message_date", "tgme_widget_message_text",
            "tgme_widget_message_from_author", "tgme_widget_message_owner_name", "tgme_widget_message_forwarded_from_name",
            "tgme_widget_message_reply", "tgme_widget_message_views", "tgme_widget_message_meta",
            "tgme_widget_message_video_player", "tgme_widget_message_video_thumb", "tgme_widget_message_sticker",
            "tgme_widget_message_photo",
            "tgme_widget_message_photo_wrap", "tgme_widget_message_document", "tgme_widget_message_document_wrap");
    /** From tgme_widget_message_photo on, the classes of photos and documents. */
    private static final int FIRST_MEDIA = WANTED.indexOf("tgme_widget_message_photo");
    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < WANTED.size(); i++) {
            INDEX.put(WANTED.get(i), i);
        }
    }

    @SuppressWarnings("unchecked")
    private final List<Element>[] byClass = new List[WANTED.size()];
    /** Elements carrying a photo or document class, in document order. */
    private final List<Element> mediaCandidates = new ArrayList<>();
    final List<Element> videos = new ArrayList<>();
    final List<Element> audios = new ArrayList<>();
    Element time;

    PostParts(Element post) {
        visit(post);
    }

    /** The post and every element inside it, in document order; a plain walk (getAllElements collects through a stream). */
    private void visit(Element e) {
        read(e);
        for (int i = 0, n = e.childNodeSize(); i < n; i++) {
            if (e.childNode(i) instanceof Element child) {
                visit(child);
            }
        }
    }

    private void read(Element e) {
        // The class attribute is read as a string: most elements carry no post class, and classNames() would
        // build a set for each of them.
        String classes = e.className();
        if (classes.contains(PREFIX)) {
            boolean media = false;
            // Split by hand: a regex split per element was a fifth of the time spent reading a post.
            int at = 0;
            int length = classes.length();
            while (at < length) {
                while (at < length && Character.isWhitespace(classes.charAt(at))) {
                    at++;
                }
                int end = at;
                while (end < length && !Character.isWhitespace(classes.charAt(end))) {
                    end++;
                }
                int wanted = end > at && classes.startsWith(PREFIX, at) ? wanted(classes, at, end) : -1;
                if (wanted >= 0) {
                    if (byClass[wanted] == null) {
                        byClass[wanted] = new ArrayList<>(2);
                    }
                    byClass[wanted].add(e);
                    media |= wanted >= FIRST_MEDIA;
                }
                at = end;
            }
            if (media) {
                mediaCandidates.add(e);
            }
        }
        String tag = e.normalName();
        if (time == null && tag.equals("time") && e.hasAttr("datetime")) {
            time = e;
        } else if (tag.equals("video") && e.hasAttr("src")) {
            videos.add(e);
        } else if (tag.equals("audio") && e.hasAttr("src")) {
            audios.add(e);
        }
    }

    /** Which wanted class the token classes[at, end) is, compared in place; -1 for none. */
    private static int wanted(String classes, int at, int end) {
        int length = end - at;
        int p = PREFIX.length(); // the caller saw the prefix: compare what follows, first char first
        for (int i = 0; i < WANTED.size(); i++) {
            String w = WANTED.get(i);
            if (w.length() == length && w.charAt(p) == classes.charAt(at + p) && classes.regionMatches(at + p, w, p, length - p)) {
                return i;
            }
        }
        return -1;
    }

    List<Element> all(String cls) {
        Integer index = INDEX.get(cls);
        if (index == null) {
            throw new IllegalArgumentException("class " + cls + " is not indexed for posts");
        }
        List<Element> found = byClass[index];
        return found == null ? List.of() : found;
    }

    Element first(String cls) {
        List<Element> found = all(cls);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The first element with this tag and class that has the attribute. */
    Element first(String tag, String cls, String attribute) {
        for (Element e : all(cls)) {
            if (e.normalName().equals(tag) && e.hasAttr(attribute)) {
                return e;
            }
        }
        return null;
    }

    /** Photo and document elements of the post that pass the test, in document order. */
    List<Element> matching(Predicate<Element> test) {
        List<Element> found = new ArrayList<>();
        for (Element e : mediaCandidates) {
            if (test.test(e)) {
                found.add(e);
            }
        }
        return found;
    }
}
