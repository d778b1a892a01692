package org.roomwatch.simulator.tdlib;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roomwatch.simulator.SimPost;
import org.roomwatch.simulator.SimRoom;
import org.roomwatch.simulator.SyntheticPictures;
import org.roomwatch.simulator.SyntheticVideos;

/**
 * Simulated rooms as the fake TDLib shows them to an account: each room a chat with its username, each post a message
 * from a user named like the post's author, photos as generated pictures, and one account that is a member of every
 * room (so it gets their new messages as updates). For the demo and the benchmarks; all synthetic.
 */
public final class SimulatedAccountWorld {
    private final FakeTdlib td = new FakeTdlib();
    private final Map<String, Long> users = new HashMap<>();
    private final Map<String, FakeChat> chats = new HashMap<>();
    private final long accountUserId;
    private final boolean photos;

    /**
     * An account with {@code phone} and login {@code code} that is a member of every room added later; {@code photos}
     * false leaves pictures out (a text-only benchmark).
     */
    public SimulatedAccountWorld(String phone, long accountUserId, String code, boolean photos) {
        this.accountUserId = accountUserId;
        this.photos = photos;
        td.addAccount(phone, accountUserId, code, null);
    }

    public FakeTdlib tdlib() {
        return td;
    }

    /** Adds a room with the posts it already has (as history, no updates). */
    public synchronized FakeChat add(SimRoom room) {
        FakeChat chat = td.addChat(-1_000_000_000_000L - 1 - chats.size(), room.name(), room.title(), room.channel(),
                (int) Math.min(Integer.MAX_VALUE, room.audience()));
        chat.join(accountUserId);
        chats.put(room.name(), chat);
        chat.backfill(room.posts().stream().map(this::post).toList());
        return chat;
    }

    /** A new post in a room added before: the account's session gets it as updateNewMessage. */
    public synchronized void publish(SimRoom room, SimPost post) {
        chats.get(room.name()).post(post(post));
    }

    private FakeChat.Post post(SimPost p) {
        String author = p.author() == null ? "익명" : p.author();
        long user = users.computeIfAbsent(author, a -> {
            long id = 9000L + users.size();
            td.addUser(id, a, "", null);
            return id;
        });
        byte[] photo = photos && p.photos() > 0 ? SyntheticPictures.png(p.id() % 11 * 31, false) : null;
        byte[] video = photos && photo == null && p.video() ? SyntheticVideos.posted(p.id() % 7, false) : null;
        return new FakeChat.Post(user, p.text() == null ? "" : p.text(), photo, p.forwardedFrom(), p.replyTo(), (int) p.views(),
                p.date(), video, video == null ? null : "messageVideo");
    }

    /** The names of the rooms in this world. */
    public synchronized List<String> rooms() {
        return List.copyOf(chats.keySet());
    }
}
