package org.roomwatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;

/** Logs a test's HTTP client in as a browser does: the login page first (its form token and cookie), then the form. */
final class FormLogin {
    private FormLogin() {}

    static void logIn(HttpClient http, String base, String user, String password) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String token = Jsoup.parse(page).selectFirst("input[name=" + LoginPage.TOKEN_FIELD + "]").val();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(LoginPage.TOKEN_FIELD + "=" + token + "&user=" + user + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2Fsearch")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode(), r.body());
    }
}
