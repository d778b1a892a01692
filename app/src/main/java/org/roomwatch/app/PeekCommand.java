package org.roomwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.roomwatch.core.CrawlPosition;
import org.roomwatch.core.Message;
import org.roomwatch.core.RoomSnapshot;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.CrawlerConfig;
import org.roomwatch.crawler.http.PoliteFetcher;
import org.roomwatch.crawler.http.Sleeper;
import org.roomwatch.crawler.telegram.PublicRoomSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "peek", description = "Crawl one public room once, back to its first post, and print it as JSON lines. Indexes nothing.")
final class PeekCommand implements Callable<Integer> {
    @Option(names = "--base-url", description = "the Telegram web base URL (default: crawler.telegramBaseUrl)")
    String baseUrl;

    @Parameters(paramLabel = "ROOM", description = "public room name (username)")
    String room;

    @Override
    public Integer call() throws Exception {
        CrawlerConfig crawler = new ConfigLoader().load(null, System.getenv()).crawler();
        if (baseUrl != null) {
            crawler = crawler.withTelegramBaseUrl(baseUrl);
        }
        PublicRoomSource source = new PublicRoomSource(new PoliteFetcher(crawler, Clock.systemUTC(), Sleeper.REAL),
                crawler.telegramBaseUrl(), Integer.MAX_VALUE, Clock.systemUTC());
        RoomSnapshot snapshot = source.fetch(room, CrawlPosition.START);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("type", "room");
        header.put("room", snapshot.room());
        System.out.println(json.writeValueAsString(header));
        for (Message m : snapshot.messages()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "post");
            line.put("id", m.messageId());
            line.put("permalink", m.permalink());
            line.put("date", m.postedAt());
            line.put("author", m.author());
            line.put("text", m.text());
            line.put("forwardedFrom", m.forwardedFrom());
            line.put("replyTo", m.replyTo());
            line.put("views", m.views());
            line.put("edited", m.edited());
            line.put("service", m.service());
            line.put("media", m.media());
            System.out.println(json.writeValueAsString(line));
        }
        for (String skipped : snapshot.skipped()) {
            System.err.println("skipped: " + skipped);
        }
        return 0;
    }
}
