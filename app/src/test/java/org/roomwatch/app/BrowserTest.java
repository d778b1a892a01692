package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.roomwatch.app.Browser.logIn;
import static org.roomwatch.app.Browser.shoot;
import static org.roomwatch.app.Browser.submit;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.security.Role;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;
import org.roomwatch.testkit.TestNode;

/**
 * The pages in a real headless Chromium (the Debian chromium and chromedriver, which .ci/run installs) over the
 * running demo: log in, search in Korean, open a school and a room, search by an uploaded image, and an investigator
 * kept out of the admin pages. Screenshots of the main pages go to target/screenshots.
 */
@ExtendWith(ElasticsearchExtension.class)
@Needs(Machine.CHROMIUM)
class BrowserTest {
    @TempDir
    Path dir;

    /** The PDQ conformance set, as the project keeps it in its own test resources. */
    private static final Path PDQ_SET = Path.of("../media/src/test/resources/pdq");

    @Test
    void aCounselorHashesPhotosInTheBrowserAndOnlyTheHashesLeave(TestNode node) throws Exception {
        RoomwatchConfig base = new ConfigLoader().load(null, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix() + "browsercase-"));
        List<String> csv = Files.readAllLines(PDQ_SET.resolve("expected.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        try (Demo demo = Demo.start(base, 0, Duration.ofSeconds(5))) {
            String url = "http://127.0.0.1:" + demo.app().apiPort();
            WebDriver driver = Browser.open();
            try {
                logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
                driver.get(url + "/cases/new");
                assertTrue(driver.findElement(By.id("promise")).getText().contains("사진은 이 기기를 떠나지 않습니다"));
                JavascriptExecutor js = (JavascriptExecutor) driver;
                // Every request the page makes from here on is recorded with its body, in the tab's session storage so the
                // record outlives the navigation that follows sending.
                js.executeScript("sessionStorage.setItem('sent', '[]'); const real = window.fetch; window.fetch = (u, o) => {"
                        + " const sent = JSON.parse(sessionStorage.getItem('sent'));"
                        + " sent.push({url: String(u), body: o && o.body ? String(o.body) : ''});"
                        + " sessionStorage.setItem('sent', JSON.stringify(sent)); return real(u, o); };");
                StringBuilder files = new StringBuilder();
                for (String line : csv.subList(1, csv.size())) {
                    files.append(files.isEmpty() ? "" : "\n").append(PDQ_SET.resolve(line.split(",")[0]).toAbsolutePath().normalize());
                }
                driver.findElement(By.id("photos")).sendKeys(files);
                new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> "36".equals(
                        d.findElement(By.tagName("body")).getAttribute("data-hashed")));

                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) js.executeScript(
                        "return Array.from(document.querySelectorAll('#hashes tbody tr')).map(tr => {"
                        + " const o = Object.assign({}, tr.dataset);"
                        + " tr.querySelectorAll('td[data-field]').forEach(td => o[td.dataset.field] = td.textContent); return o; });");
                assertEquals(36, rows.size());
                Map<String, Map<String, Object>> byFile = new java.util.HashMap<>();
                rows.forEach(r -> byFile.put((String) r.get("file"), r));
                String[][] variants = {{"pdq", "pdq"}, {"pdq_rotate90", "rotate90"}, {"pdq_rotate180", "rotate180"},
                        {"pdq_rotate270", "rotate270"}, {"pdq_flipx", "flipX"}, {"pdq_flipy", "flipY"},
                        {"pdq_flipplus1", "flipPlus1"}, {"pdq_flipminus1", "flipMinus1"}};
                int jpegWorst = 0;
                for (String line : csv.subList(1, csv.size())) {
                    String[] v = line.split(",");
                    String file = v[0];
                    Map<String, Object> got = byFile.get(file);
                    assertTrue(got != null, "hashed in the page: " + file);
                    assertEquals(v[header.indexOf("md5")], got.get("md5"), file);
                    assertEquals(v[header.indexOf("sha256")], got.get("sha256"), file);
                    for (String[] variant : variants) {
                        String expected = v[header.indexOf(variant[0])];
                        String actual = (String) got.get(variant[1]);
                        if (file.endsWith(".png")) {
                            assertEquals(expected, actual, file + " " + variant[0] + " (PNG: bit for bit)");
                        } else {
                            int distance = org.roomwatch.media.PdqHash.fromHex(expected).distance(org.roomwatch.media.PdqHash.fromHex(actual));
                            jpegWorst = Math.max(jpegWorst, distance);
                            assertTrue(distance <= 8, file + " " + variant[0] + " is " + distance + " bits from Java's (JPEG: within 8)");
                        }
                    }
                    if (file.endsWith(".png")) {
                        assertEquals(v[header.indexOf("quality")], got.get("quality"), file + " quality");
                    }
                }
                System.out.println("Browser PDQ vs expected.csv: 24 PNG identical (hash, 7 variants, quality);"
                        + " 12 JPEG within " + jpegWorst + " bits; MD5 and SHA-256 identical for all 36");

                assertEquals("[]", js.executeScript("return sessionStorage.getItem('sent');"), "hashing sent nothing");
                driver.findElement(By.id("caseNumber")).sendKeys("2026-부산-0042");
                driver.findElement(By.id("counselor")).sendKeys("상담사 가상");
                driver.findElement(By.id("consentNote")).sendKeys("합성 자료: 해시 등록과 삭제 요청에 동의");
                driver.findElement(By.id("open-case")).click();
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("/cases/2026-"));
                assertTrue(driver.getPageSource().contains("id=\"no-matches\""), "the test photos appear nowhere: " + driver.getPageSource());
                // What left the page: one request, JSON with the hashes and nothing else; no file name, no pixels.
                com.fasterxml.jackson.databind.JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('sent');"));
                assertEquals(1, sent.size(), sent.toString());
                assertEquals("/api/cases", sent.get(0).path("url").asText());
                String body = sent.get(0).path("body").asText();
                com.fasterxml.jackson.databind.JsonNode photos = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("photos");
                assertEquals(36, photos.size());
                for (com.fasterxml.jackson.databind.JsonNode photo : photos) {
                    List<String> fields = new java.util.ArrayList<>();
                    photo.fieldNames().forEachRemaining(fields::add);
                    assertEquals(List.of("label", "pdq", "quality", "md5", "sha256"), fields);
                }
                assertFalse(body.contains("img-0"), "no file name is sent");
                assertTrue(body.length() < 36 * 300, "hashes only: " + body.length() + " bytes for 36 photos");
                shoot(driver, "case");

                // Found again from the cases list; its page offers its exports and takedown lists.
                driver.get(url + "/cases");
                WebElement listed = driver.findElement(By.cssSelector("#cases tr[data-case='2026-부산-0042'] a"));
                submit(driver, listed);
                assertTrue(driver.getTitle().contains("2026-부산-0042"), driver.getTitle());
                assertFalse(driver.findElements(By.id("takedown-json")).isEmpty(), "the takedown list is one click away");
                shoot(driver, "case-page");
            } finally {
                driver.quit();
            }

            // What left the page: one JSON request with hashes, checked on the server's side too.
            HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/cases/"
                    + java.net.URLEncoder.encode("2026-부산-0042", java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + demo.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stored.statusCode(), stored.body());
            assertTrue(stored.body().contains("\"photos\":36"), stored.body());

            // A browser without the APIs hashing needs: told so, and nothing can be chosen or sent.
            WebDriver bare = Browser.open();
            try {
                ((ChromeDriver) bare).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                        Map.of("source", "delete window.createImageBitmap; window.__sent = [];"
                                + " window.fetch = (u) => { window.__sent.push(String(u)); return Promise.reject(new Error('recorded')); };"));
                logIn(bare, url, Demo.DEMO_ADMIN, demo.adminPassword());
                bare.get(url + "/cases/new");
                WebElement warning = bare.findElement(By.id("unsupported"));
                assertTrue(warning.isDisplayed(), "the page says the browser cannot hash here");
                assertTrue(bare.findElement(By.id("status")).getText().contains("createImageBitmap"), bare.findElement(By.id("status")).getText());
                assertFalse(bare.findElement(By.id("photos")).isEnabled(), "no photo can be chosen");
                assertFalse(bare.findElement(By.id("open-case")).isEnabled(), "nothing can be sent");
                assertEquals(0L, ((JavascriptExecutor) bare).executeScript("return window.__sent.length;"));
            } finally {
                bare.quit();
            }
        }
    }

    @Test
    void anInvestigatorsDayInTheBrowser(TestNode node) throws Exception {
        RoomwatchConfig base = new ConfigLoader().load(null, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix() + "browser-"));
        try (Demo demo = Demo.start(base, 0, Duration.ofSeconds(5))) {
            String url = "http://127.0.0.1:" + demo.app().apiPort();
            demo.app().users().add("officer.kim", Role.INVESTIGATOR, "a synthetic passphrase", "test");
            WebDriver driver = Browser.open();
            try {
                // A wrong password first: refused in Korean, nothing else said.
                driver.get(url + "/login");
                driver.findElement(By.id("user")).sendKeys(Demo.DEMO_ADMIN);
                driver.findElement(By.id("password")).sendKeys("not the password");
                submit(driver, driver.findElement(By.id("login")));
                assertTrue(driver.findElement(By.cssSelector("[role=alert]")).getText().contains("비밀번호"), driver.getPageSource());
                shoot(driver, "login");

                logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
                long total = 0;
                for (int i = 0; i < 120 && total == 0; i++) {
                    driver.get(url + "/search");
                    WebElement q = driver.findElement(By.id("q"));
                    q.sendKeys("중학교");
                    submit(driver, driver.findElement(By.id("go")));
                    total = Long.parseLong(driver.findElement(By.id("total")).getAttribute("data-total"));
                    if (total == 0) {
                        Thread.sleep(500);
                    }
                }
                assertTrue(total > 0, "Korean search finds the demo's messages");
                assertFalse(driver.findElements(By.tagName("mark")).isEmpty(), "the matches are highlighted");
                shoot(driver, "search");

                driver.get(url + "/schools/9900001");
                assertTrue(driver.getTitle().startsWith("한빛여자고등학교"), "a school page is titled by its name: " + driver.getTitle());
                shoot(driver, "school");

                driver.get(url + "/rooms/hidden_room_a");
                for (int i = 0; i < 60 && driver.findElements(By.id("room-facts")).isEmpty(); i++) {
                    Thread.sleep(500);
                    driver.navigate().refresh();
                }
                assertTrue(driver.findElement(By.id("room-facts")).getText().contains("account:demo-undercover"),
                        driver.findElement(By.id("room-facts")).getText());
                shoot(driver, "room");

                // A synthetic photo one of the demo rooms posted, uploaded from a file as an officer would.
                var room = demo.site().rooms().stream().filter(r -> r.preview() && r.posts().stream().anyMatch(p -> p.photos() > 0))
                        .findFirst().orElseThrow();
                var post = room.posts().stream().filter(p -> p.photos() > 0).findFirst().orElseThrow();
                byte[] png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.site().baseUrl() + "/img/"
                        + room.name() + "/" + post.id() + "-0.png")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                Path photo = dir.resolve("synthetic.png");
                Files.write(photo, png);
                int matches = 0;
                for (int i = 0; i < 120 && matches == 0; i++) {
                    driver.get(url + "/images");
                    // Hashed in the page: the file input has no name and no form, and the page sends the PDQ alone.
                    WebElement page = driver.findElement(By.tagName("html"));
                    driver.findElement(By.id("local-image")).sendKeys(photo.toString());
                    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Browser.isGone(page));
                    matches = driver.findElements(By.cssSelector("#matches tr")).size() - 1;
                    if (matches <= 0) {
                        Thread.sleep(500);
                    }
                }
                String expectedPdq = new org.roomwatch.media.ImageHasher(org.roomwatch.media.DecodeLimits.DEFAULT).hash(png, false).pdq().hex();
                assertEquals(expectedPdq, driver.findElement(By.id("pdq")).getAttribute("value"), "the browser's PDQ is the server's");
                String sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/audit?action="
                        + java.net.URLEncoder.encode("POST /images", java.nio.charset.StandardCharsets.UTF_8) + "&limit=1"))
                        .header("Authorization", "Bearer " + demo.adminToken()).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(sent.contains("application/x-www-form-urlencoded") && !sent.contains("multipart"), "only the hash reached the server: " + sent);
                assertTrue(matches > 0, "the uploaded photo's twins are found: " + driver.getPageSource());
                assertEquals("0", driver.findElement(By.cssSelector("#matches tr:nth-child(2) td")).getText(), "the very same picture");
                assertTrue(driver.findElements(By.tagName("img")).isEmpty(), "no image is ever shown");
                shoot(driver, "images");

                // An analyst's watchlist, made on its page; a new post with its term raises an alert in the inbox.
                driver.get(url + "/watchlists");
                driver.findElement(By.id("name")).sendKeys("브라우저 감시");
                driver.findElement(By.id("value1")).sendKeys("브라우저시험단어");
                driver.findElement(By.id("high")).click();
                submit(driver, driver.findElement(By.id("create")));
                assertTrue(driver.findElement(By.id("done")).getText().contains("만들었습니다"), driver.getPageSource());
                driver.get(url + "/watchlists");
                assertTrue(driver.findElement(By.id("watchlists")).getText().contains("단어: 브라우저시험단어"),
                        driver.findElement(By.id("watchlists")).getText());
                shoot(driver, "watchlists");
                var gossip = demo.site().room("hanbit_gossip");
                WebElement alertRow = null;
                for (int i = 0; i < 120 && alertRow == null; i++) {
                    // Rule changes reach the matcher within seconds, not at once: a post crawled before that raises
                    // nothing, so the simulated room gets another such post every few seconds until one alerts.
                    if (i % 10 == 0) {
                        synchronized (gossip) {
                            gossip.add(org.roomwatch.simulator.SimPost.text(gossip.lastId() + 1, java.time.Instant.now(),
                                    "오늘 브라우저시험단어 올라옴 " + i));
                        }
                    }
                    driver.get(url + "/alerts");
                    alertRow = driver.findElements(By.cssSelector("#alerts tr")).stream()
                            .filter(r -> r.getText().contains("브라우저 감시")).findFirst().orElse(null);
                    if (alertRow == null) {
                        Thread.sleep(500);
                    }
                }
                assertTrue(alertRow != null, "the new watchlist's alert appears in the inbox");
                shoot(driver, "alerts");
                submit(driver, alertRow.findElement(By.cssSelector("button[data-state=seen]")));
                assertTrue(driver.findElements(By.cssSelector("#alerts tbody tr")).stream()
                        .anyMatch(r -> r.getText().contains("브라우저 감시") && "seen".equals(r.getAttribute("data-state"))
                                && r.findElement(By.className("state")).getText().startsWith("확인함")));
                // An invite link from the triage queue: once its page is checked (the simulated Telegram knows no
                // such invite), the queue says it expired and offers no join. (A join forced past the page is
                // refused with the reason in Korean: TriagePagesTest.)
                List<WebElement> invites = List.of();
                for (int i = 0; i < 60; i++) {
                    driver.get(url + "/discovered");
                    invites = driver.findElements(By.cssSelector("#discovered tbody tr")).stream()
                            .filter(r -> r.getAttribute("data-id").startsWith("telegram:+")).toList();
                    if (!invites.isEmpty() && invites.stream().noneMatch(r -> "unchecked".equals(r.getAttribute("data-state")))) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertFalse(invites.isEmpty(), "invite links wait in the triage queue: " + driver.getPageSource());
                WebElement expired = invites.get(0);
                assertEquals("expired", expired.getAttribute("data-state"), expired.getText());
                assertTrue(expired.findElements(By.cssSelector("button[data-action=watch]")).isEmpty(), "no join offered for an expired invite");
                shoot(driver, "discovered");
                String forced = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/discovered/"
                        + java.net.URLEncoder.encode(expired.getAttribute("data-id"), java.nio.charset.StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + demo.adminToken()).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(forced.contains("\"expired\":true"), "the API agrees the invite expired: " + forced);

                driver.get(url + "/admin/audit");
                assertEquals("true", driver.findElement(By.id("chain")).getAttribute("data-ok"), driver.findElement(By.id("chain")).getText());
                shoot(driver, "audit");

                driver.get(url + "/search?lang=en");
                assertTrue(driver.findElement(By.tagName("h1")).getText().contains("Search messages"));
                driver.get(url + "/search?lang=ko");
            } finally {
                driver.quit();
            }

            WebDriver investigator = Browser.open();
            try {
                logIn(investigator, url, "officer.kim", "a synthetic passphrase");
                assertTrue(investigator.findElements(By.linkText("사용자")).isEmpty(), "no admin links for an investigator");
                investigator.get(url + "/admin/users");
                assertTrue(investigator.findElement(By.cssSelector("[role=alert]")).getText().contains("권한"),
                        investigator.getPageSource());
                shoot(investigator, "forbidden");
            } finally {
                investigator.quit();
            }
        }
    }
}
