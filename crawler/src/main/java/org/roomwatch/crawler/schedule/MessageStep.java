package org.roomwatch.crawler.schedule;

import java.util.List;
import org.roomwatch.core.Message;

/** A step between fetching a room's new messages and storing them (hashing their photos, for one). */
@FunctionalInterface
public interface MessageStep {
    MessageStep NONE = messages -> messages;

    List<Message> apply(List<Message> messages) throws InterruptedException;

    /** This step, then {@code next} on its output. */
    default MessageStep then(MessageStep next) {
        return messages -> next.apply(apply(messages));
    }
}
