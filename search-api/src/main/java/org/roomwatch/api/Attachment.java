package org.roomwatch.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * A download's file name as RFC 6266 gives it: {@code filename*} in UTF-8 (percent-encoded, RFC 8187) so a Korean
 * case number survives, and a plain {@code filename} beside it for clients that read only that, with every character
 * outside printable ASCII (and the quote and backslash) replaced by '_'.
 */
final class Attachment {
    private Attachment() {}

    static void name(Context ctx, String filename) {
        ctx.header("Content-Disposition", header(filename));
    }

    static String header(String filename) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        filename.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // attr-char of RFC 8187: letters, digits and !#$&+-.^_`|~ go as they are; every other byte is %XX.
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
