package org.roomwatch.crawler.telegram;

import java.util.regex.Pattern;

/** Invite paths: +HASH and joinchat/HASH, checked before they are put into a URL. */
public final class InviteLinks {
    private static final Pattern INVITE = Pattern.compile("(\\+|joinchat/)[A-Za-z0-9_-]{8,64}");

    private InviteLinks() {}

    public static String requirePath(String path) {
        String value = path == null ? "" : path.trim();
        if (!INVITE.matcher(value).matches()) {
            throw new IllegalArgumentException("[" + path + "] is not an invite path: expected +HASH or joinchat/HASH"
                    + " with 8 to 64 letters, digits, '-' or '_'");
        }
        return value;
    }
}
