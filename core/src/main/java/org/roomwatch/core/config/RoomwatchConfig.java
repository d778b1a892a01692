package org.roomwatch.core.config;

import java.util.List;

/** The whole configuration, loaded from config/roomwatch.yml, a user file and ROOMWATCH_* variables. */
public record RoomwatchConfig(ElasticsearchConfig elasticsearch, DatabaseConfig database, CrawlerConfig crawler,
                              MediaConfig media, ApiConfig api, List<RoomConfig> rooms) {
    public RoomwatchConfig {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }

    public RoomwatchConfig withElasticsearch(ElasticsearchConfig value) {
        return new RoomwatchConfig(value, database, crawler, media, api, rooms);
    }

    public RoomwatchConfig withDatabase(DatabaseConfig value) {
        return new RoomwatchConfig(elasticsearch, value, crawler, media, api, rooms);
    }

    public RoomwatchConfig withCrawler(CrawlerConfig value) {
        return new RoomwatchConfig(elasticsearch, database, value, media, api, rooms);
    }

    public RoomwatchConfig withMedia(MediaConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, value, api, rooms);
    }

    public RoomwatchConfig withApi(ApiConfig value) {
        return new RoomwatchConfig(elasticsearch, database, crawler, media, value, rooms);
    }
}
