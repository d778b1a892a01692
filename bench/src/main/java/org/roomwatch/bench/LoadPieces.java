package org.roomwatch.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.SearchService;

/**
 * What the pieces of a message search cost: the same searches sent to the engine one at a time (nothing else asked,
 * the crawl going on), as the mix sends them, without highlights, and (where asked) without facets. One investigator
 * alone waits for little but the node's work, so the differences are what highlighting and facets cost per search.
 * The variants of one search run back to back, in an order that turns with each search, so a drift of the machine
 * over the run weighs on none of them.
 */
final class LoadPieces {
    private LoadPieces() {}

    /** Mean milliseconds of one kind's searches in each variant: as sent, without highlights, without facets (NaN if none asked). */
    record Pieces(LoadMix.Kind kind, int searches, double asSent, double withoutHighlights, double withoutFacets) {}

    static List<Pieces> measure(LoadMix mix, SearchService search, int samples) {
        List<Pieces> out = new ArrayList<>();
        for (LoadMix.Kind kind : LoadMix.Kind.values()) {
            if (!kind.messageSearch) {
                continue;
            }
            LoadMix one = mix.only(kind);
            Random random = new Random(11_000 + kind.ordinal());
            List<MessageQuery> queries = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                queries.add(one.next(random).query());
            }
            boolean facets = queries.stream().anyMatch(MessageQuery::facets);
            double[] total = new double[3];
            for (int i = 0; i < queries.size(); i++) {
                MessageQuery q = queries.get(i);
                MessageQuery[] variants = {q, withoutHighlights(q), facets ? q.withoutFacets() : null};
                for (int v = 0; v < 3; v++) {
                    int which = (i + v) % 3;
                    if (variants[which] != null) {
                        total[which] += timed(search, variants[which]);
                    }
                }
            }
            out.add(new Pieces(kind, samples, total[0] / samples, total[1] / samples, facets ? total[2] / samples : Double.NaN));
        }
        return out;
    }

    static void report(PrintStream out, List<Pieces> pieces) {
        Table table = Table.start(out, Table.text("one search at a time", 26), Table.number("searches", "%d"),
                Table.number("as sent ms", "%.1f"), Table.number("without highlights ms", "%.1f"), Table.number("highlights' share %", "%.0f"),
                Table.number("without facets ms", "%s"), Table.number("facets' share %", "%s"));
        for (Pieces p : pieces) {
            table.row(p.kind().label, p.searches(), p.asSent(), p.withoutHighlights(), 100 * (p.asSent() - p.withoutHighlights()) / p.asSent(),
                    Double.isNaN(p.withoutFacets()) ? "not asked" : String.format(Locale.ROOT, "%.1f", p.withoutFacets()),
                    Double.isNaN(p.withoutFacets()) ? "-" : String.format(Locale.ROOT, "%.0f", 100 * (p.asSent() - p.withoutFacets()) / p.asSent()));
        }
        out.println();
    }

    private static MessageQuery withoutHighlights(MessageQuery q) {
        return new MessageQuery(q.text(), q.room(), q.from(), q.to(), q.hasMedia(), q.sort(), q.page(), q.size(), false, q.filters(), q.facets());
    }

    private static double timed(SearchService search, MessageQuery q) {
        long start = System.nanoTime();
        search.messages(q);
        return (System.nanoTime() - start) / 1e6;
    }
}
