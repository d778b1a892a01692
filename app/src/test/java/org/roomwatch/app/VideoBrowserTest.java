package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roomwatch.app.Browser.logIn;
import static org.roomwatch.app.Browser.shoot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.media.PdqHash;
import org.roomwatch.media.VideoFingerprint;
import org.roomwatch.media.VideoFrameHash;
import org.roomwatch.media.VideoHasher;
import org.roomwatch.media.Vpdq;
import org.roomwatch.simulator.SyntheticVideos;
import org.roomwatch.simulator.SyntheticVideos.Spec;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;
import org.roomwatch.testkit.TestNode;

/**
 * vPDQ in a real browser: for each synthetic test clip (H.264 in MP4, VP9 and VP8 in WebM), the page's vPDQ
 * (video-hashing.js: the browser's decoder, a canvas, roomwatch-hash.js's PDQ) matches the server's vPDQ of the same
 * bytes (FFmpeg, the Java PDQ) under the vPDQ rule, both ways. The clips reach the page as in-memory files (a Blob
 * built in the page from the bytes), so nothing is written to disk. Then the video search page and the case page hash
 * a video on the device and send only its hashes.
 */
@ExtendWith(ElasticsearchExtension.class)
@Needs(Machine.CHROMIUM)
class VideoBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes {@code window.__clip} a File of the given bytes, in memory. */
    private static void giveClip(JavascriptExecutor js, byte[] clip, String name, String type) {
        js.executeScript("const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                + " window.__clip = new File([bytes], arguments[1], {type: arguments[2]});",
                Base64.getEncoder().encodeToString(clip), name, type);
    }

    /** Puts {@code window.__clip} into a file input, as choosing it would, and fires its change. */
    private static void choose(JavascriptExecutor js, String inputId) {
        js.executeScript("const t = new DataTransfer(); t.items.add(window.__clip); const input = document.getElementById(arguments[0]);"
                + " input.files = t.files; input.dispatchEvent(new Event('change'));", inputId);
    }

    @Test
    void theBrowsersVpdqMatchesTheServersAndOnlyHashesLeaveThePage(TestNode node) throws Exception {
        RoomwatchConfig base = new ConfigLoader().load(null, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix() + "browservideo-"));
        try (Demo demo = Demo.start(base, 0, Duration.ofSeconds(5))) {
            String url = "http://127.0.0.1:" + demo.app().apiPort();
            WebDriver driver = Browser.open();
            try {
                logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
                driver.get(url + "/videos");
                JavascriptExecutor js = (JavascriptExecutor) driver;
                Object[][] clips = {
                        {"H.264 in MP4", SyntheticVideos.make(Spec.mp4(31)), "clip.mp4", "video/mp4"},
                        {"VP9 in WebM", SyntheticVideos.make(Spec.mp4(32).webm(avcodec.AV_CODEC_ID_VP9)), "clip.webm", "video/webm"},
                        {"VP8 in WebM", SyntheticVideos.make(Spec.mp4(33).size(480, 270).webm(avcodec.AV_CODEC_ID_VP8)), "clip.webm", "video/webm"}};
                VideoHasher hasher = new VideoHasher();
                List<String> report = new ArrayList<>();
                for (Object[] clip : clips) {
                    byte[] bytes = (byte[]) clip[1];
                    VideoFingerprint java = hasher.hash(bytes);
                    giveClip(js, bytes, (String) clip[2], (String) clip[3]);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> got = (Map<String, Object>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + " RoomwatchVideo.hashVideo(window.__clip).then(v => done({md5: v.md5, sha256: v.sha256, lines: v.vpdq.join('\\n')}),"
                            + " e => done({error: String(e)}));");
                    assertTrue(got.get("error") == null, clip[0] + ": " + got.get("error"));
                    assertEquals(java.digests().md5(), got.get("md5"), clip[0] + " MD5");
                    assertEquals(java.digests().sha256(), got.get("sha256"), clip[0] + " SHA-256");
                    List<VideoFrameHash> browser = Vpdq.parse((String) got.get("lines"));
                    assertEquals(java.frames().size(), browser.size(), clip[0] + ": one frame a second, as the server hashes");
                    Vpdq.Comparison fromBrowser = Vpdq.compare(browser, java.frames(), Vpdq.DISTANCE);
                    Vpdq.Comparison fromServer = Vpdq.compare(java.frames(), browser, Vpdq.DISTANCE);
                    assertTrue(fromBrowser.matches(Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT)
                            && fromServer.matches(Vpdq.QUERY_THRESHOLD_PERCENT, Vpdq.COMPARED_THRESHOLD_PERCENT),
                            clip[0] + ": browser " + fromBrowser.queryPercent() + " %, server " + fromServer.queryPercent() + " %");
                    int worst = 0;
                    for (int i = 0; i < browser.size(); i++) {
                        PdqHash b = browser.get(i).hash();
                        worst = Math.max(worst, b.distance(java.frames().get(i).hash()));
                        assertEquals(java.frames().get(i).timestamp(), browser.get(i).timestamp(), 0.001, clip[0] + " frame " + i + " time");
                    }
                    report.add(String.format(Locale.ROOT, "%s: %d frames, %.0f %% / %.0f %% matched, worst same-second distance %d",
                            clip[0], browser.size(), fromBrowser.queryPercent(), fromServer.queryPercent(), worst));
                }
                System.out.println("Browser vPDQ vs the server's: " + String.join("; ", report));

                // The search page: a video chosen here is hashed here, and the search sends its vPDQ lines only.
                giveClip(js, SyntheticVideos.posted(3, false), "her.mp4", "video/mp4");
                choose(js, "local-video");
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !d.findElements(By.id("total")).isEmpty());
                assertTrue(driver.findElement(By.id("total")).getText().matches("\\d+ .*"), driver.findElement(By.id("total")).getText());
                String sent = driver.findElement(By.id("vpdq")).getAttribute("value");
                assertEquals(3, Vpdq.parse(sent).size(), "the form carried the vPDQ lines: " + sent);
                assertFalse(driver.getPageSource().contains("her.mp4"), "no file name reaches the server");
                assertTrue(Browser.seriousViolations(driver).isEmpty(), Browser.seriousViolations(driver).toString());
                shoot(driver, "video-search");

                // The case page: a video among the chosen files is hashed (digests and vPDQ); one JSON request leaves.
                driver.get(url + "/cases/new");
                js.executeScript("sessionStorage.setItem('sent', '[]'); const real = window.fetch; window.fetch = (u, o) => {"
                        + " const sent = JSON.parse(sessionStorage.getItem('sent'));"
                        + " sent.push({url: String(u), body: o && o.body ? String(o.body) : ''});"
                        + " sessionStorage.setItem('sent', JSON.stringify(sent)); return real(u, o); };");
                giveClip(js, SyntheticVideos.posted(4, false), "피해영상.mp4", "video/mp4");
                choose(js, "photos");
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-hashed")));
                driver.findElement(By.id("caseNumber")).sendKeys("2026-대구-0101");
                driver.findElement(By.id("counselor")).sendKeys("상담사 가상");
                driver.findElement(By.id("consentNote")).sendKeys("합성 자료: 해시 등록과 삭제 요청에 동의");
                driver.findElement(By.id("open-case")).click();
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("/cases/2026-"));
                JsonNode requests = JSON.readTree((String) js.executeScript("return sessionStorage.getItem('sent');"));
                assertEquals(1, requests.size(), requests.toString());
                JsonNode body = JSON.readTree(requests.get(0).path("body").asText());
                assertEquals(0, body.path("photos").size());
                JsonNode video = body.path("videos").get(0);
                List<String> fields = new ArrayList<>();
                video.fieldNames().forEachRemaining(fields::add);
                assertEquals(List.of("label", "md5", "sha256", "vpdq"), fields);
                VideoFingerprint hers = hasher.hash(SyntheticVideos.posted(4, false));
                assertEquals(hers.digests().sha256(), video.path("sha256").asText());
                assertEquals(3, video.path("vpdq").size());
                assertFalse(requests.get(0).path("body").asText().contains("피해영상"), "no file name is sent");
                shoot(driver, "video-case");
            } finally {
                driver.quit();
            }
        }
    }
}
