package org.roomwatch.simulator;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;

/** Renders pages with the markup of t.me's public previews and landing pages. */
final class PageRenderer {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private PageRenderer() {}

    static String channelPage(String baseUrl, SimRoom room, List<SimPost> posts, boolean hasOlder) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(room.title()))
                .append(" – Telegram</title></head><body class=\"widget_frame_base tgme_webpreview\">\n")
                .append("<header class=\"tgme_header\"><div class=\"tgme_header_title\">").append(esc(room.title())).append("</div></header>\n")
                .append("<main class=\"tgme_main\"><section class=\"tgme_right_column\"><div class=\"tgme_channel_info\">\n")
                .append("<div class=\"tgme_channel_info_header\"><div class=\"tgme_channel_info_header_title\"><span dir=\"auto\">")
                .append(esc(room.title())).append("</span></div>")
                .append("<div class=\"tgme_channel_info_header_username\"><a href=\"").append(baseUrl).append('/').append(room.name())
                .append("\">@").append(room.name()).append("</a></div></div>\n")
                .append("<div class=\"tgme_channel_info_description\">").append(multiline(room.description())).append("</div>\n")
                .append("<div class=\"tgme_channel_info_counters\">")
                .append(counter(room.audience(), room.channel() ? "subscribers" : "members"))
                .append(counter(room.photoCount(), "photos"))
                .append(counter(room.videoCount(), "videos"))
                .append("</div></div></section>\n")
                .append("<section class=\"tgme_channel_history js-message_history\">\n");
        if (hasOlder && !posts.isEmpty()) {
            html.append("<div class=\"tgme_widget_message_centered js-messages_more_wrap\"><a href=\"/s/").append(room.name())
                    .append("?before=").append(posts.get(0).id()).append("\" class=\"tme_messages_more js-messages_more\" data-before=\"")
                    .append(posts.get(0).id()).append("\"></a></div>\n");
        }
        for (SimPost post : posts) {
            html.append(post(baseUrl, room, post));
        }
        html.append("</section></main></body></html>\n");
        return html.toString();
    }

    private static String post(String baseUrl, SimRoom room, SimPost post) {
        String link = baseUrl + "/" + room.name() + "/" + post.id();
        StringBuilder html = new StringBuilder(1024);
        html.append("<div class=\"tgme_widget_message_wrap js-widget_message_wrap\"><div class=\"tgme_widget_message")
                .append(post.service() ? " service_message" : "").append(" text_not_supported_wrap js-widget_message\" data-post=\"")
                .append(room.name()).append('/').append(post.id()).append("\" data-view=\"v").append(post.id()).append("\">")
                .append("<div class=\"tgme_widget_message_bubble\">");
        if (!post.service()) {
            html.append("<div class=\"tgme_widget_message_author accent_color\"><a class=\"tgme_widget_message_owner_name\" href=\"")
                    .append(baseUrl).append('/').append(room.name()).append("\"><span dir=\"auto\">").append(esc(room.title()))
                    .append("</span></a></div>");
        }
        if (post.forwardedFrom() != null) {
            html.append("<div class=\"tgme_widget_message_forwarded_from accent_color\">Forwarded from <a class=\"tgme_widget_message_forwarded_from_name\" href=\"")
                    .append(baseUrl).append('/').append(post.forwardedFrom()).append("\"><span dir=\"auto\">")
                    .append(esc(post.forwardedFrom())).append("</span></a></div>");
        }
        if (post.replyTo() != null) {
            html.append("<a class=\"tgme_widget_message_reply\" href=\"").append(baseUrl).append('/').append(room.name()).append('/')
                    .append(post.replyTo()).append("\"><div class=\"tgme_widget_message_metatext\">reply</div></a>");
        }
        if (post.photos() > 1) {
            html.append("<div class=\"tgme_widget_message_grouped_wrap js-message_grouped_wrap\"><div class=\"tgme_widget_message_grouped js-message_grouped\"><div class=\"tgme_widget_message_grouped_layer js-message_grouped_layer\">");
        }
        for (int i = 0; i < post.photos(); i++) {
            html.append("<a class=\"tgme_widget_message_photo_wrap").append(post.photos() > 1 ? " grouped_media_wrap" : "")
                    .append("\" href=\"").append(link).append("?single\" style=\"width:640px;background-image:url('")
                    .append(baseUrl).append("/img/").append(room.name()).append('/').append(post.id()).append('-').append(i)
                    .append(".png')\"><div class=\"tgme_widget_message_photo\" style=\"padding-top:75%\"></div></a>");
        }
        if (post.photos() > 1) {
            html.append("</div></div></div>");
        }
        if (post.video()) {
            // The poster t.me shows before the video plays: a picture of the site's (a still of the clip is not needed).
            html.append("<a class=\"tgme_widget_message_video_player\" href=\"").append(link)
                    .append("\"><i class=\"tgme_widget_message_video_thumb\" style=\"background-image:url('").append(baseUrl)
                    .append("/img/").append(room.name()).append('/').append(post.id()).append("-9.png')\"></i>")
                    .append("<div class=\"tgme_widget_message_video_wrap\"><video src=\"")
                    .append(baseUrl).append("/vid/").append(room.name()).append('/').append(post.id())
                    .append(".mp4\" class=\"tgme_widget_message_video js-message_video\" width=\"100%\"></video></div></a>");
        }
        if (post.document() != null) {
            html.append("<div class=\"tgme_widget_message_document_wrap\"><a class=\"tgme_widget_message_document\" href=\"").append(link)
                    .append("\"><div class=\"tgme_widget_message_document_title accent_color\" dir=\"auto\">").append(esc(post.document()))
                    .append("</div></a></div>");
        }
        if (post.text() != null) {
            html.append("<div class=\"tgme_widget_message_text js-message_text\" dir=\"auto\">").append(richText(post.text())).append("</div>");
        }
        html.append("<div class=\"tgme_widget_message_footer compact js-message_footer\"><div class=\"tgme_widget_message_info short js-message_info\">");
        if (post.views() > 0) {
            html.append("<span class=\"tgme_widget_message_views\">").append(abbreviate(post.views())).append("</span>");
        }
        if (post.author() != null) {
            html.append("<span class=\"tgme_widget_message_from_author\" dir=\"auto\">").append(esc(post.author())).append("</span>");
        }
        html.append("<span class=\"tgme_widget_message_meta\">").append(post.edited() ? "edited " : "")
                .append("<a class=\"tgme_widget_message_date\" href=\"").append(link).append("\"><time datetime=\"")
                .append(ISO.format(post.date())).append("\" class=\"time\">").append(post.date().toString(), 11, 16)
                .append("</time></a></span></div></div></div></div></div>\n");
        return html.toString();
    }

    static String landingPage(String baseUrl, SimRoom room) {
        String extra = abbreviateSpaced(room.audience()) + (room.channel() ? " subscribers" : " members");
        return landing(room.title(), extra, room.description(), room.channel() ? "View in Telegram" : "View in Telegram",
                room.preview() ? "/s/" + room.name() : null, room.channel());
    }

    static String invitePage(SimInvite invite) {
        if (invite.expired()) {
            return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Join group chat on Telegram</title></head><body>"
                    + "<div class=\"tgme_page_wrap\"><div class=\"tgme_page\"><div class=\"tgme_page_icon\"></div>"
                    + "<div class=\"tgme_page_description\">If you have <strong>Telegram</strong>, you can contact"
                    + " <br/>people right away.</div><div class=\"tgme_page_action\"><a class=\"tgme_action_button_new\""
                    + " href=\"tg://join?invite=" + invite.hash() + "\">Open in Telegram</a></div></div></div></body></html>";
        }
        String extra = abbreviateSpaced(invite.members()) + (invite.channel() ? " subscribers" : " members, 3 online");
        return landing(invite.title(), extra, invite.description(), invite.channel() ? "Join Channel" : "Join Group", null,
                invite.channel());
    }

    static String unknownRoomPage() {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Telegram Messenger</title></head><body>"
                + "<div class=\"tgme_page_wrap\"><div class=\"tgme_page\"><div class=\"tgme_page_description\">If you have"
                + " <strong>Telegram</strong>, you can contact people right away.</div></div></div></body></html>";
    }

    private static String landing(String title, String extra, String description, String action, String previewHref, boolean channel) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Telegram: Contact</title></head><body>")
                .append("<div class=\"tgme_page_wrap\"><div class=\"tgme_page\"><div class=\"tgme_page_photo\"></div>")
                .append("<div class=\"tgme_page_title\" dir=\"auto\"><span dir=\"auto\">").append(esc(title)).append("</span></div>")
                .append("<div class=\"tgme_page_extra\">").append(extra).append("</div>")
                .append("<div class=\"tgme_page_description\" dir=\"auto\">").append(multiline(description)).append("</div>")
                .append("<div class=\"tgme_page_action\"><a class=\"tgme_action_button_new shine\" href=\"tg://resolve\">")
                .append(action).append("</a></div>");
        if (previewHref != null) {
            html.append("<div class=\"tgme_page_additional\"><a class=\"tgme_action_button_new tgme_action_web_button\" href=\"")
                    .append(previewHref).append("\">Preview ").append(channel ? "channel" : "group").append("</a></div>");
        }
        return html.append("</div></div></body></html>").toString();
    }

    private static String counter(long value, String type) {
        return "<div class=\"tgme_channel_info_counter\"><span class=\"counter_value\">" + abbreviate(value)
                + "</span> <span class=\"counter_type\">" + type + "</span></div>";
    }

    /** Text with URLs as links and line breaks as br, as t.me renders them. */
    private static String richText(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split("(?<=\\s)|(?=\\s)")) {
            if (word.startsWith("https://") || word.startsWith("http://")) {
                out.append("<a href=\"").append(esc(word)).append("\" target=\"_blank\" rel=\"noopener\">").append(esc(word)).append("</a>");
            } else if (word.equals("\n")) {
                out.append("<br/>");
            } else {
                out.append(esc(word));
            }
        }
        return out.toString();
    }

    private static String multiline(String text) {
        return text == null ? "" : esc(text).replace("\n", "<br/>");
    }

    static String abbreviate(long value) {
        if (value >= 1_000_000) return trim(value / 1_000_000d) + "M";
        if (value >= 1_000) return trim(value / 1_000d) + "K";
        return Long.toString(value);
    }

    private static String abbreviateSpaced(long value) {
        String digits = Long.toString(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) out.append(' ');
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
