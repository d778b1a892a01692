package org.roomwatch.indexer;

import java.util.List;
import org.roomwatch.core.DiscoveredRooms;
import org.roomwatch.core.Message;
import org.roomwatch.core.ingest.BatchStep;
import org.roomwatch.tagging.RoomLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every link to another room in new messages (text and link targets) goes into the triage queue with where it was
 * seen. A room's links to itself are not discoveries. Messages pass through unchanged.
 */
public final class LinkDiscovery implements BatchStep {
    private static final Logger log = LoggerFactory.getLogger(LinkDiscovery.class);

    private final DiscoveredRooms rooms;

    public LinkDiscovery(DiscoveredRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public List<Message> apply(List<Message> messages) {
        for (Message m : messages) {
            StringBuilder text = new StringBuilder(m.text() == null ? "" : m.text());
            m.links().forEach(link -> text.append('\n').append(link));
            for (RoomLinks.RoomLink link : RoomLinks.find(text.toString())) {
                if (link.key().equals("telegram:" + m.room().toLowerCase())) {
                    continue;
                }
                boolean created = rooms.record(link.key(), link.platform(), link.invite(), link.target(), m.id(), link.url(),
                        m.postedAt() != null ? m.postedAt() : m.capturedAt());
                if (created) {
                    log.info("Discovered room {} in {}", link.key(), m.id());
                }
            }
        }
        return messages;
    }
}
