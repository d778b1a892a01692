package org.roomwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The investigators' side of a load run: requests to the API over loopback HTTP with one analyst's token. */
final class LoadApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final int port;
    private final String token;

    LoadApi(HttpClient http, int port, String token) {
        this.http = http;
        this.port = port;
        this.token = token;
    }

    /** Sends one request of the mix; throws unless the answer is 200 (the body is read whole, as a client would). */
    void send(LoadMix.Request request) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(request.path(), request.body());
        if (response.statusCode() != 200) {
            throw new IOException(response.statusCode() + " " + abbreviate(response.body()));
        }
    }

    /** Sends a GET (body null) or a JSON POST and answers the response. */
    HttpResponse<String> exchange(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
        if (body != null) {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a watchlist of the analyst's with one term rule; answers its id. */
    String watchlistWithTerm(String name, String term) throws IOException, InterruptedException {
        HttpResponse<String> created = exchange("/api/watchlists", JSON.writeValueAsString(java.util.Map.of("name", name, "priority", "high")));
        if (created.statusCode() != 201) {
            throw new IOException("could not create the watchlist: " + created.statusCode() + " " + created.body());
        }
        String id = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> rule = exchange("/api/watchlists/" + id + "/rules", JSON.writeValueAsString(java.util.Map.of("kind", "term", "value", term)));
        if (rule.statusCode() != 201) {
            throw new IOException("could not add the rule: " + rule.statusCode() + " " + rule.body());
        }
        return id;
    }

    static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
