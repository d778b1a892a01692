package org.roomwatch.indexer;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.util.List;
import org.roomwatch.core.search.MessageFilters;
import org.roomwatch.core.search.MessageQuery;
import org.roomwatch.core.search.SearchSyntax;

/**
 * The query of a message search, built once for both the result pages and the export of everything matched, so an
 * exported file holds exactly what the pages showed.
 */
final class MessageSearchQuery {
    private final SchoolsNamed schoolsNamed;

    MessageSearchQuery(SchoolsNamed schoolsNamed) {
        this.schoolsNamed = schoolsNamed;
    }

    BoolQuery.Builder messages(MessageQuery q) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (q.text() != null) {
            addSearch(bool, q.text(), "text");
        }
        if (q.room() != null) {
            bool.filter(Query.of(f -> f.term(t -> t.field(q.room().contains(":") ? "room_id" : "room").value(q.room()))));
        }
        if (q.from() != null || q.to() != null) {
            bool.filter(Query.of(f -> f.range(r -> r.untyped(u -> {
                u.field("posted_at");
                if (q.from() != null) u.gte(JsonData.of(q.from().toString()));
                if (q.to() != null) u.lte(JsonData.of(q.to().toString()));
                return u;
            }))));
        }
        if (q.hasMedia() != null) {
            bool.filter(Query.of(f -> f.term(t -> t.field("has_media").value(q.hasMedia()))));
        }
        MessageFilters by = q.filters();
        if (by.school() != null) {
            bool.filter(term("school_ids", by.school()));
        }
        if (by.region() != null) {
            bool.filter(anyOf(by.region(), "school_sido", "school_sigungu", "regions"));
        }
        if (by.level() != null) {
            bool.filter(term("school_levels", by.level()));
        }
        if (by.person() != null) {
            bool.filter(term("person_ids", by.person()));
        }
        if (by.phone() != null) {
            bool.filter(term("phones", by.phone()));
        }
        if (by.handle() != null) {
            bool.filter(anyOf(by.handle(), "mentioned_handles", "kakao_ids", "handles"));
        }
        return bool;
    }

    /** The search in its small syntax: each clause must (or, excluded, must not) match; alternatives any of. */
    private void addSearch(BoolQuery.Builder bool, String text, String field) {
        List<SearchSyntax.Clause> clauses = SearchSyntax.parse(text);
        List<String> schools = clauses.size() > 1 ? schoolsNamed.by(text) : List.of();
        if (!schools.isEmpty()) {
            // Several words that together name a school (hanbit yeogo, 한빛 여고): the words, or the school.
            BoolQuery.Builder words = new BoolQuery.Builder();
            addClauses(words, clauses, field);
            bool.must(Query.of(q -> q.bool(b -> b.should(Query.of(w -> w.bool(words.build()))).should(terms("school_ids", schools))
                    .minimumShouldMatch("1"))));
            return;
        }
        addClauses(bool, clauses, field);
    }

    private void addClauses(BoolQuery.Builder bool, List<SearchSyntax.Clause> clauses, String field) {
        for (SearchSyntax.Clause c : clauses) {
            Query clause = c.anyOf().size() == 1 ? atom(c.anyOf().get(0), field) : Query.of(x -> x.bool(b -> {
                c.anyOf().forEach(a -> b.should(atom(a, field)));
                return b.minimumShouldMatch("1");
            }));
            if (c.excluded()) {
                bool.mustNot(clause);
            } else {
                bool.must(clause);
            }
        }
    }

    /** A word or phrase as text, or as the school it names (when it names one: see the constructor). */
    private Query atom(SearchSyntax.Atom a, String field) {
        Query text = textAtom(a, field);
        List<String> schools = schoolsNamed.by(a.text());
        if (schools.isEmpty()) {
            return text;
        }
        return Query.of(q -> q.bool(b -> b.should(text).should(terms("school_ids", schools)).minimumShouldMatch("1")));
    }

    /**
     * A word as before; a phrase as a phrase on the Korean field or the bigram field. A message's words are its text
     * and the text read in its pictures: a caption naming a victim is found like a message naming her.
     */
    private static Query textAtom(SearchSyntax.Atom a, String field) {
        List<String> fields = field.equals("text") ? List.of("text", "image_text") : List.of(field);
        return Query.of(q -> q.bool(b -> {
            for (String f : fields) {
                if (a.phrase()) {
                    b.should(s -> s.matchPhrase(m -> m.field(f).query(a.text())));
                    b.should(s -> s.matchPhrase(m -> m.field(f + ".bigram").query(a.text())));
                } else {
                    b.should(textQuery(a.text(), f));
                }
            }
            return b.minimumShouldMatch("1");
        }));
    }

    static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

    /** Words through the Korean analyzer, or two-syllable runs through the bigram field; all terms required. */
    static Query textQuery(String text, String field) {
        return Query.of(q -> q.bool(b -> b
                .should(s -> s.match(m -> m.field(field).query(text).operator(Operator.And)))
                .should(s -> s.match(m -> m.field(field + ".bigram").query(text).operator(Operator.And)))
                .minimumShouldMatch("1")));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query anyOf(String value, String... fields) {
        return Query.of(q -> q.bool(b -> {
            for (String field : fields) {
                b.should(term(field, value));
            }
            return b.minimumShouldMatch("1");
        }));
    }
}
