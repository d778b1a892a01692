package org.roomwatch.core.watch;

import java.util.List;

/**
 * What mail may say about a new alert: the list, who receives it, the room and which kinds of rule matched. By
 * construction it holds no matched words, names, numbers, handles or images.
 */
public record AlertNotice(String alertId, String watchlistId, String watchlistName, boolean highPriority, List<String> members,
                          String roomId, String roomTitle, List<String> ruleKinds) {
    /** Among {@link #ruleKinds}: a rule matched in the text read in one of the message's pictures. */
    public static final String IN_PICTURE = "in_picture";

    public AlertNotice {
        members = List.copyOf(members);
        ruleKinds = List.copyOf(ruleKinds);
    }
}
