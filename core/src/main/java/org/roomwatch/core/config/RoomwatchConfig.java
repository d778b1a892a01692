package org.roomwatch.core.config;

import java.util.List;

/** The whole configuration, loaded from config/roomwatch.yml, a user file and ROOMWATCH_* variables. */
public record RoomwatchConfig(ElasticsearchConfig elasticsearch, DatabaseConfig database, CrawlerConfig crawler,
                              MediaConfig media, SignalsConfig signals, MailConfig mail, AccountsConfig accounts, SecurityConfig security, ApiConfig api,
                              List<RoomConfig> rooms, RetentionConfig retention, OcrConfig ocr) {
    public RoomwatchConfig {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        signals = signals == null ? new SignalsConfig(null) : signals;
        retention = retention == null ? RetentionConfig.KEEP_EVERYTHING : retention;
    }

    public RoomwatchConfig withElasticsearch(ElasticsearchConfig value) {
        return new RoomwatchConfig(value, database, crawler, media, signals, mail, accounts, security, api, rooms, retention, ocr);
    }

    public RoomwatchConfig withDatabase(DatabaseConfig value) {
        return new RoomwatchConfig(elasticsearch, value, crawler, media, signals, mail, accounts, security, api, rooms, retention, ocr);
    }

    public RoomwatchConfig withCrawler(CrawlerConfig value) {
        return new RoomwatchConfig(elasticsearch, database, value, media, signals, mail, accounts, security, api, rooms, retention, ocr);
    }

    public RoomwatchConfig withMedia(MediaConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, value, signals, mail, accounts, security, api, rooms, retention, ocr);
    }

    public RoomwatchConfig withMail(MailConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, media, signals, value, accounts, security, api, rooms, retention, ocr);
    }

    public RoomwatchConfig withAccounts(AccountsConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, media, signals, mail, value, security, api, rooms, retention, ocr);
    }

    public RoomwatchConfig withSecurity(SecurityConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, media, signals, mail, accounts, value, api, rooms, retention, ocr);
    }

    public RoomwatchConfig withApi(ApiConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, media, signals, mail, accounts, security, value, rooms, retention, ocr);
    }

    public RoomwatchConfig withOcr(OcrConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, media, signals, mail, accounts, security, api, rooms, retention, value);
    }
}
