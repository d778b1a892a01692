package org.roomwatch.tagging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invitations to other rooms in a text: t.me (and telegram.me) usernames and invite links, KakaoTalk open chats,
 * Discord invites. Each gets a canonical key, so the same room under several links is one room: t.me/name,
 * t.me/s/name and t.me/name/123 are telegram:name; t.me/+HASH and t.me/joinchat/HASH are telegram:+HASH.
 */
public final class RoomLinks {
    private static final Pattern TELEGRAM = Pattern.compile(
            "(?i)(?<![A-Za-z0-9.])(?:https?://)?(?:www\\.)?(?:t|telegram)\\.(?:me|dog)/(?:s/)?(\\+[A-Za-z0-9_-]{8,64}|joinchat/[A-Za-z0-9_-]{8,64}|[A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_])");
    private static final Pattern KAKAO = Pattern.compile("(?i)(?:https?://)?open\\.kakao\\.com/o/([A-Za-z0-9]{4,32})");
    private static final Pattern DISCORD = Pattern.compile("(?i)(?:https?://)?(?:www\\.)?(?:discord\\.gg|discord(?:app)?\\.com/invite)/([A-Za-z0-9-]{2,32})");
    /** t.me paths that are not rooms. */
    private static final Set<String> NOT_ROOMS = Set.of("s", "share", "addstickers", "addemoji", "proxy", "socks", "iv", "c",
            "addlist", "login", "setlanguage", "boost", "contact", "bg", "addtheme", "confirmphone", "invoice", "giftcode", "joinchat");

    private RoomLinks() {}

    /** A link to a room: platform, public or invite, the canonical key, the name or code, and the link as written. */
    public record RoomLink(String platform, boolean invite, String key, String target, String url) {}

    public static List<RoomLink> find(String text) {
        Map<String, RoomLink> found = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Matcher t = TELEGRAM.matcher(text);
        while (t.find()) {
            String path = t.group(1);
            RoomLink link;
            if (path.startsWith("+") || path.toLowerCase(Locale.ROOT).startsWith("joinchat/")) {
                String hash = path.startsWith("+") ? path.substring(1) : path.substring("joinchat/".length());
                link = new RoomLink("telegram", true, "telegram:+" + hash, "+" + hash, t.group());
            } else {
                String name = path.toLowerCase(Locale.ROOT);
                if (NOT_ROOMS.contains(name)) {
                    continue;
                }
                link = new RoomLink("telegram", false, "telegram:" + name, name, t.group());
            }
            found.putIfAbsent(link.key(), link);
        }
        Matcher k = KAKAO.matcher(text);
        while (k.find()) {
            found.putIfAbsent("kakao:" + k.group(1), new RoomLink("kakao", true, "kakao:" + k.group(1), k.group(1), k.group()));
        }
        Matcher d = DISCORD.matcher(text);
        while (d.find()) {
            found.putIfAbsent("discord:" + d.group(1), new RoomLink("discord", true, "discord:" + d.group(1), d.group(1), d.group()));
        }
        return new ArrayList<>(found.values());
    }
}
