package org.roomwatch.core.watch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An alert as it is stored and as triage reads it: the list and the rules that matched a message (or a discovered
 * room), where and when, its state and the history of who moved it. Field names in JSON are the stored ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Alert(@JsonProperty("watchlist_id") String watchlistId, @JsonProperty("watchlist_name") String watchlistName,
                    String priority, List<MatchedRule> rules, @JsonProperty("message_id") String messageId,
                    @JsonProperty("room_id") String roomId, String permalink, @JsonProperty("posted_at") String postedAt,
                    @JsonProperty("created_at") String createdAt, String state, @JsonProperty("state_by") String stateBy,
                    @JsonProperty("state_at") String stateAt, List<StateChange> history) {
    public Alert {
        rules = rules == null ? List.of() : List.copyOf(rules);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** One rule of the list that matched: its kind, what it matched (never mailed) and, for images, how near. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MatchedRule(@JsonProperty("rule_id") String ruleId, String kind, String matched, Integer distance) {}

    /** A move of the alert's state, by whom and when. */
    public record StateChange(String state, String by, String at) {}

    /** An alert with its id, as a listing gives it. */
    public record Found(String id, Alert source) {}

    /** One page of alerts, newest first, and how many match in all. */
    public record Page(long total, int page, int size, List<Found> hits) {
        public Page {
            hits = List.copyOf(hits);
        }
    }
}
