package org.roomwatch.app;

import java.time.Duration;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.DurationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "Run everything locally on synthetic rooms: Elasticsearch, H2, a simulated Telegram site, crawler, API.")
final class DemoCommand implements Runnable {
    @Option(names = "--port", defaultValue = "8080", description = "API port (0 picks a free one); default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--interval", defaultValue = "20s", description = "crawl interval of each demo room; default ${DEFAULT-VALUE}")
    String interval;

    @Override
    public void run() {
        Duration every = DurationText.parse(interval);
        System.out.println("Starting the roomwatch demo (the first start unpacks Elasticsearch; allow a minute)...");
        UntilShutdown.run(() -> {
            try {
                return Demo.start(new ConfigLoader().load(null, System.getenv()), port, every);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, DemoCommand::printWhereToLook);
    }

    private static void printWhereToLook(Demo demo) {
        String api = "http://127.0.0.1:" + demo.app().apiPort();
        System.out.println();
        System.out.println("roomwatch demo is running. Everything here is synthetic: made-up schools, names and rooms.");
        System.out.println("  Simulated Telegram site : " + demo.site().baseUrl() + "/s/hanbit_gossip");
        System.out.println("  Elasticsearch           : " + demo.app().elasticsearchUrl());
        System.out.println("  API                     : " + api + "/api/openapi.json");
        System.out.println("  Log in as               : " + Demo.DEMO_ADMIN + " / " + demo.adminPassword() + "   (POST /api/login)");
        System.out.println("Try (rooms are crawled within seconds; new posts arrive every 10 s; every request is audited):");
        System.out.println("  export RW='Authorization: Bearer " + demo.adminToken() + "'");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/messages?q=%EC%A4%91%ED%95%99%EA%B5%90'      # 중학교");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/messages?q=%EB%8A%A5%EC%9A%95&hasMedia=true'  # 능욕, with media");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/rooms?q=%ED%95%A9%EC%84%B1'                  # 합성");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/rooms/hidden_room_a'                          # a room with no web preview");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/rooms/watched'");
        System.out.println("  # a synthetic photo, searched by image (hashed in memory, dropped): where else it was posted");
        System.out.println("  curl -s '" + demo.site().baseUrl() + "/img/hanbit_gossip/3-0.png' | curl -s -H 'content-type: image/png'"
                + " -H \"$RW\" --data-binary @- '" + api + "/api/images/search?maxDistance=31'");
        System.out.println("  # a high-priority watchlist (school 한빛여고, term 지인능욕) raises alerts and mails them to a local SMTP sink");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/alerts?state=new'");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/demo/mail'                                   # the mails the sink received");
        System.out.println("  curl -H \"$RW\" '" + api + "/api/audit?limit=5'                               # who looked at what");
        System.out.println("Ctrl-C stops everything.");
    }
}
