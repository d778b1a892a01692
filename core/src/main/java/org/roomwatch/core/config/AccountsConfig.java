package org.roomwatch.core.config;

import java.time.Duration;

/**
 * Authorized accounts read through TDLib. {@code tdjson} is the library, {@code apiId}/{@code apiHash} the unit's
 * Telegram application, {@code dataDirectory} the encrypted TDLib databases (one folder per account; the key comes
 * from ROOMWATCH_TDLIB_KEY or {@code keyFile}, never from here), {@code filesDirectory} TDLib's downloads (a memory
 * filesystem; photos are deleted as soon as they are hashed).
 */
public record AccountsConfig(boolean enabled, String tdjson, int apiId, String apiHash, String dataDirectory, String keyFile,
                             String filesDirectory, int requestsPerMinute, int maxMessagesPerCrawl, Duration requestTimeout) {
    public AccountsConfig {
        tdjson = Check.required("accounts.tdjson", tdjson);
        if (apiId < 0) {
            throw new IllegalArgumentException("accounts.apiId must be the number my.telegram.org shows, got " + apiId);
        }
        apiHash = Check.orEmpty(apiHash);
        if (!apiHash.isEmpty() && !apiHash.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("accounts.apiHash must be the 32 hexadecimal digits my.telegram.org shows");
        }
        dataDirectory = Check.required("accounts.dataDirectory", dataDirectory);
        keyFile = Check.orEmpty(keyFile);
        filesDirectory = Check.required("accounts.filesDirectory", filesDirectory);
        Check.atLeast("accounts.requestsPerMinute", requestsPerMinute, 1);
        Check.atLeast("accounts.maxMessagesPerCrawl", maxMessagesPerCrawl, 1);
        Check.positive("accounts.requestTimeout", requestTimeout);
    }

    /** Whether the Telegram application is set (needed before any account can log in). */
    public boolean hasApplication() {
        return apiId > 0 && !apiHash.isEmpty();
    }

    @Override
    public String toString() {
        return "AccountsConfig[enabled=" + enabled + ", tdjson=" + tdjson + ", apiId=" + apiId + ", apiHash="
                + (apiHash.isEmpty() ? "" : "***") + ", dataDirectory=" + dataDirectory + ", filesDirectory=" + filesDirectory + "]";
    }
}
