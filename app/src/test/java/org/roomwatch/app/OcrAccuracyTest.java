package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.media.DecodeLimits;
import org.roomwatch.media.ocr.Ocr;
import org.roomwatch.media.ocr.PictureReader;
import org.roomwatch.media.ocr.PictureText;
import org.roomwatch.simulator.SyntheticTextPictures;
import org.roomwatch.simulator.SyntheticTextPictures.Kind;
import org.roomwatch.simulator.SyntheticTextPictures.Sample;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;
import org.roomwatch.tagging.Tag;
import org.roomwatch.tagging.Tagging;

/**
 * How well text in pictures is read, measured on a synthetic corpus the build draws with Debian's Noto CJK and Nanum
 * fonts (made-up pupils, schools of the sample registry, handles and phone numbers): per kind of picture, the
 * character error rate and the recall of the tags that matter (the school, the phone number, the handle) through the
 * real tagger. Prints the table; fails when clean captions or profile screenshots fall under 0.90 recall.
 */
class OcrAccuracyTest {
    static final int PER_KIND = 20;
    static final double REQUIRED_RECALL = 0.90;

    /** Counts for one kind of picture. */
    static final class Tally {
        int pictures;
        int skipped;
        long millis;
        double errors;
        long characters;
        final int[] schools = new int[2];
        final int[] phones = new int[2];
        final int[] handles = new int[2];

        double cer() {
            return characters == 0 ? 0 : errors / characters;
        }

        static double recall(int[] found) {
            return found[1] == 0 ? Double.NaN : (double) found[0] / found[1];
        }

        /** Found over expected, all three tag kinds together. */
        double recall() {
            int expected = schools[1] + phones[1] + handles[1];
            return expected == 0 ? Double.NaN : (double) (schools[0] + phones[0] + handles[0]) / expected;
        }
    }

    @Test
    @Needs({Machine.OCR_MODELS, Machine.KOREAN_FONTS})
    void captionsAndProfileScreenshotsAreReadWellEnoughToTag() {
        Ocr ocr = Ocr.check(new ConfigLoader().defaults().ocr());
        Tagging tagging = new Tagging(SchoolsCommand.sample(), List.of());
        Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
        List<String> misses = new ArrayList<>();
        try (PictureReader reader = ocr.newReader(DecodeLimits.DEFAULT)) {
            for (Sample s : SyntheticTextPictures.corpus(PER_KIND)) {
                Tally t = tallies.computeIfAbsent(s.kind(), k -> new Tally());
                PictureText read = reader.read(s.bytes());
                t.pictures++;
                t.millis += read.millis();
                t.skipped += read.skip() == null ? 0 : 1;
                String expected = s.text().replaceAll("\\s", "");
                t.errors += levenshtein(expected, read.text().replaceAll("\\s", ""));
                t.characters += expected.length();
                List<Tag> tags = tagging.tagger().tag(tagging.repairPictureText(read.text())).tags();
                count(t.schools, true, tags.stream().anyMatch(g -> g.kind().equals("school") && g.value().equals(s.schoolId())));
                if (s.phone() != null) {
                    String digits = s.phone().replace("-", "");
                    count(t.phones, true, tags.stream().anyMatch(g -> g.kind().equals("phone") && g.value().replace("-", "").equals(digits)));
                }
                if (s.handle() != null) {
                    boolean found = tags.stream().anyMatch(g -> g.kind().equals("handle") && g.value().equalsIgnoreCase(s.handle()));
                    count(t.handles, true, found);
                    if (!found && s.kind() == Kind.PROFILE) {
                        misses.add("@" + s.handle() + " read as " + read.text().lines().filter(l -> l.contains("@")).toList()
                                + " tagged " + tags.stream().filter(g -> g.kind().equals("handle")).map(Tag::value).toList());
                    }
                }
            }
        }
        System.out.println(table(tallies));
        misses.forEach(m -> System.out.println("missed on a profile: " + m));
        List<String> short_ = new ArrayList<>();
        for (Kind kind : List.of(Kind.CAPTION, Kind.PROFILE)) {
            double recall = tallies.get(kind).recall();
            if (!(recall >= REQUIRED_RECALL)) {
                short_.add(kind + " " + String.format(Locale.ROOT, "%.2f", recall));
            }
        }
        assertTrue(short_.isEmpty(), "tag recall under " + REQUIRED_RECALL + ": " + short_ + "\n" + table(tallies));
    }

    private static void count(int[] found, boolean expected, boolean got) {
        if (expected) {
            found[1]++;
            found[0] += got ? 1 : 0;
        }
    }

    static String table(Map<Kind, Tally> tallies) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-13s %8s %6s %8s %8s %8s %8s %8s %7s%n", "kind", "pictures",
                "CER", "schools", "phones", "handles", "recall", "skipped", "ms"));
        tallies.forEach((kind, t) -> out.append(String.format(Locale.ROOT, "%-13s %8d %6.3f %8s %8s %8s %8s %8d %7d%n", kind, t.pictures,
                t.cer(), fraction(t.schools), fraction(t.phones), fraction(t.handles), Double.isNaN(t.recall()) ? "-"
                        : String.format(Locale.ROOT, "%.2f", t.recall()), t.skipped, t.millis / Math.max(1, t.pictures))));
        return out.toString();
    }

    private static String fraction(int[] found) {
        return found[1] == 0 ? "-" : found[0] + "/" + found[1];
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
