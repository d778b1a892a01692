package org.roomwatch.crawler.telegram;

import java.util.List;
import java.util.OptionalLong;
import org.roomwatch.core.Message;
import org.roomwatch.core.Room;

/**
 * One parsed t.me/s/NAME page: the channel header, its posts (page order), the posts that could not be read
 * (with why), and the {@code before} value of the next older page when there is one.
 */
public record ChannelPage(Room header, List<Message> posts, List<String> skipped, OptionalLong olderBefore) {
    public ChannelPage {
        posts = List.copyOf(posts);
        skipped = List.copyOf(skipped);
    }
}
