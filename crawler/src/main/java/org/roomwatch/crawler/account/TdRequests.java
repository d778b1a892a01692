package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** The TDLib function objects roomwatch sends, with the field names of td_api.tl (TDLib 1.8.67). */
public final class TdRequests {
    private TdRequests() {}

    public static ObjectNode of(String type) {
        return TdClients.JSON.createObjectNode().put("@type", type);
    }

    /**
     * The parameters TDLib asks for first. The database is encrypted with {@code key}; files (downloads) go to
     * {@code files}, which should be a memory filesystem, and each is deleted right after hashing.
     */
    public static ObjectNode tdlibParameters(Path database, Path files, byte[] key, int apiId, String apiHash) {
        return of("setTdlibParameters")
                .put("use_test_dc", false)
                .put("database_directory", database.toString())
                .put("files_directory", files.toString())
                .put("database_encryption_key", java.util.Base64.getEncoder().encodeToString(key))
                .put("use_file_database", false)
                .put("use_chat_info_database", true)
                .put("use_message_database", true)
                .put("use_secret_chats", false)
                .put("api_id", apiId)
                .put("api_hash", apiHash)
                .put("system_language_code", "ko")
                .put("device_model", "roomwatch")
                .put("system_version", "")
                .put("application_version", "0.1");
    }

    public static ObjectNode phoneNumber(String phone) {
        return of("setAuthenticationPhoneNumber").put("phone_number", phone);
    }

    public static ObjectNode code(String code) {
        return of("checkAuthenticationCode").put("code", code);
    }

    public static ObjectNode password(String password) {
        return of("checkAuthenticationPassword").put("password", password);
    }

    public static ObjectNode searchPublicChat(String username) {
        return of("searchPublicChat").put("username", username);
    }

    public static ObjectNode getChat(long chatId) {
        return of("getChat").put("chat_id", chatId);
    }

    public static ObjectNode getSupergroupFullInfo(long supergroupId) {
        return of("getSupergroupFullInfo").put("supergroup_id", supergroupId);
    }

    public static ObjectNode checkChatInviteLink(String link) {
        return of("checkChatInviteLink").put("invite_link", link);
    }

    public static ObjectNode joinChatByInviteLink(String link) {
        return of("joinChatByInviteLink").put("invite_link", link);
    }

    public static ObjectNode leaveChat(long chatId) {
        return of("leaveChat").put("chat_id", chatId);
    }

    /** Messages older than {@code fromMessageId} (and it itself), newest first; 0 starts at the newest message. */
    public static ObjectNode getChatHistory(long chatId, long fromMessageId, int limit) {
        return of("getChatHistory").put("chat_id", chatId).put("from_message_id", fromMessageId).put("offset", 0)
                .put("limit", limit).put("only_local", false);
    }

    public static ObjectNode getMessage(long chatId, long messageId) {
        return of("getMessage").put("chat_id", chatId).put("message_id", messageId);
    }

    public static ObjectNode getUser(long userId) {
        return of("getUser").put("user_id", userId);
    }

    /** Downloads the whole file before answering. */
    public static ObjectNode downloadFile(int fileId) {
        return of("downloadFile").put("file_id", fileId).put("priority", 16).put("offset", 0).put("limit", 0)
                .put("synchronous", true);
    }

    public static ObjectNode deleteFile(int fileId) {
        return of("deleteFile").put("file_id", fileId);
    }
}
