package org.roomwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.roomwatch.app.Browser.logIn;
import static org.roomwatch.app.Browser.seriousViolations;
import static org.roomwatch.app.Browser.shoot;
import static org.roomwatch.app.Browser.submit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.roomwatch.core.config.ConfigLoader;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.testkit.ElasticsearchExtension;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.Needs;
import org.roomwatch.testkit.TestNode;

/**
 * The officers' workflows end to end in a real Chromium over the running demo (one demo for the class): each test is
 * one workflow of the workbench, with screenshots in target/screenshots and an axe-core check of every page it uses.
 */
@ExtendWith(ElasticsearchExtension.class)
@Needs(Machine.CHROMIUM)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchBrowserTest {
    private Demo demo;
    private String url;

    @TempDir
    Path downloads;

    @BeforeAll
    void startDemo(TestNode node) throws Exception {
        RoomwatchConfig base = new ConfigLoader().load(null, Map.of(
                "ROOMWATCH_ELASTICSEARCH_URL", node.url().toString(),
                "ROOMWATCH_ELASTICSEARCH_INDEXPREFIX", node.indexPrefix() + "workbench-"));
        demo = Demo.start(base, 0, Duration.ofSeconds(5));
        url = "http://127.0.0.1:" + demo.app().apiPort();
    }

    @AfterAll
    void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    private static void assertAccessible(WebDriver driver, String page) {
        List<String> violations = seriousViolations(driver);
        assertTrue(violations.isEmpty(), page + ": serious accessibility violations: " + violations);
    }

    private static String count(WebDriver driver) {
        return driver.findElement(By.id("selection-count")).getText();
    }

    /** Waits until the demo has crawled enough for two pages of results (an empty search lists everything). */
    private long waitForTwoPages(WebDriver driver) throws InterruptedException {
        long total = 0;
        for (int i = 0; i < 120 && total <= 20; i++) {
            driver.get(url + "/search?q=");
            total = Long.parseLong(driver.findElement(By.id("total")).getAttribute("data-total"));
            if (total <= 20) {
                Thread.sleep(500);
            }
        }
        assertTrue(total > 20, "the demo crawled at least two pages of messages: " + total);
        return total;
    }

    @Test
    void fromSearchHitsOnTwoPagesToASignedBundle() throws Exception {
        WebDriver driver = Browser.open(downloads);
        try {
            logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
            waitForTwoPages(driver);
            assertTrue(driver.findElement(By.id("empty-search")).getText().contains("최신순"), "an empty search says what it shows");
            assertTrue(driver.findElement(By.id("total")).getText().contains("1–20"), driver.findElement(By.id("total")).getText());
            assertAccessible(driver, "search");
            List<String> chosen = new ArrayList<>();
            List<WebElement> picks = driver.findElements(By.cssSelector("article.hit input.pick"));
            for (WebElement pick : picks.subList(0, 2)) {
                pick.click();
                chosen.add(pick.getAttribute("data-id"));
            }
            assertEquals("2", count(driver));
            shoot(driver, "workbench-search-selected");

            submit(driver, driver.findElement(By.id("next")));
            assertEquals("2", driver.findElement(By.cssSelector("nav.pager [aria-current=page]")).getText());
            assertEquals("2", count(driver), "the selection survives the page change");
            WebElement third = driver.findElement(By.cssSelector("article.hit input.pick"));
            third.click();
            chosen.add(third.getAttribute("data-id"));
            assertEquals("3", count(driver));

            // The whole message, from its hit: full text, facts, versions; still selected there.
            WebElement card = driver.findElement(By.cssSelector("article.hit"));
            submit(driver, card.findElement(By.cssSelector("a.detail")));
            assertFalse(driver.findElement(By.id("text")).getText().isBlank());
            assertTrue(driver.findElement(By.id("facts")).getText().contains("KST"), driver.findElement(By.id("facts")).getText());
            assertFalse(driver.findElements(By.cssSelector("#versions tbody tr")).isEmpty(), "at least the first version");
            assertTrue(driver.findElement(By.cssSelector("input.pick")).isSelected(), "the message page shows it is selected");
            assertEquals("3", count(driver));
            assertAccessible(driver, "message");
            shoot(driver, "workbench-message");

            driver.findElement(By.id("reason")).sendKeys("피해자 상담 요청에 따른 증거 보전");
            driver.findElement(By.id("case")).sendKeys("서울-2026-17");
            driver.findElement(By.id("make-bundle")).click();
            Path zip = awaitDownload();
            assertTrue(zip.getFileName().toString().startsWith("roomwatch-evidence-서울-2026-17-"),
                    "the file keeps the Korean case number: " + zip.getFileName());
            assertEquals(new TreeSet<>(chosen), bundledMessages(zip), "exactly the selection, across both pages");
        } finally {
            driver.quit();
        }
    }

    @Test
    void aSelectionWithAMessageGoneMeanwhileIsRefusedWholeAndKept() throws Exception {
        WebDriver driver = Browser.open(downloads);
        try {
            logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
            waitForTwoPages(driver);
            WebElement pick = driver.findElement(By.cssSelector("article.hit input.pick"));
            pick.click();
            String kept = pick.getAttribute("data-id");
            // A message ticked earlier that is no longer in the index (retention removed it meanwhile).
            ((JavascriptExecutor) driver).executeScript("const s = JSON.parse(sessionStorage.getItem('roomwatch.selection'));"
                    + " s.push('telegram:gone_room:1'); sessionStorage.setItem('roomwatch.selection', JSON.stringify(s));");
            driver.navigate().refresh();
            assertEquals("2", count(driver));
            driver.findElement(By.id("reason")).sendKeys("확인");
            submit(driver, driver.findElement(By.id("make-bundle")));
            String alert = driver.findElement(By.cssSelector("[role=alert]")).getText();
            assertTrue(alert.contains("telegram:gone_room:1") && alert.contains("전체"), alert);
            assertEquals(List.of(kept), driver.findElements(By.cssSelector("#bundle input.pick")).stream()
                    .filter(WebElement::isSelected).map(e -> e.getAttribute("data-id")).toList());
            assertEquals("1", count(driver), "the selection is now what is left");
            assertEquals("확인", driver.findElement(By.id("reason")).getAttribute("value"), "nothing typed is lost");
            assertAccessible(driver, "refused bundle");
            shoot(driver, "workbench-bundle-refused");
        } finally {
            driver.quit();
        }
    }

    @Test
    void filtersAreTypedByNameWithSuggestionsAndNamesakesAreAskedAbout() throws Exception {
        WebDriver driver = Browser.open();
        try {
            logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
            waitForTwoPages(driver);
            driver.get(url + "/search");
            // Suggestions as the officer types (htmx fills the datalist from /pick/schools under the pages' CSP).
            driver.findElement(By.id("school")).sendKeys("한빛");
            new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                    !d.findElements(By.cssSelector("#school-options option")).isEmpty());
            List<String> offered = driver.findElements(By.cssSelector("#school-options option")).stream()
                    .map(o -> o.getAttribute("value")).toList();
            assertTrue(offered.contains("한빛여자고등학교 [9900001]"), offered.toString());
            assertAccessible(driver, "search form with suggestions");

            driver.findElement(By.id("school")).sendKeys("여고");
            submit(driver, driver.findElement(By.id("go")));
            String chip = driver.findElement(By.cssSelector("#chips li[data-param=school]")).getText();
            assertTrue(chip.contains("한빛여자고등학교"), chip);
            assertTrue(Long.parseLong(driver.findElement(By.id("total")).getAttribute("data-total")) > 0, "the demo's 한빛여고 messages");
            shoot(driver, "workbench-filter-chip");

            // A name two schools share: the page asks which, and the chosen one filters.
            driver.get(url + "/search");
            driver.findElement(By.id("school")).sendKeys("한빛중");
            submit(driver, driver.findElement(By.id("go")));
            List<WebElement> options = driver.findElements(By.cssSelector("#choose li a"));
            assertEquals(2, options.size(), driver.findElement(By.id("choose")).getText());
            assertAccessible(driver, "which school");
            shoot(driver, "workbench-which-school");
            submit(driver, options.get(0));
            assertTrue(driver.findElement(By.cssSelector("#chips li[data-param=school]")).getText().contains("한빛중학교"));

            driver.get(url + "/schools?level=" + java.net.URLEncoder.encode("고", StandardCharsets.UTF_8));
            assertFalse(driver.findElements(By.cssSelector("#schools tbody tr")).isEmpty());
            assertAccessible(driver, "schools");
            shoot(driver, "workbench-schools");
        } finally {
            driver.quit();
        }
    }

    @Test
    void anAdminUnlocksAnOfficerAndReadsTheAuditOnALaptopScreen() throws Exception {
        demo.app().users().add("officer.yoon", org.roomwatch.core.security.Role.INVESTIGATOR, "a synthetic passphrase", "test");
        WebDriver officer = Browser.open();
        WebDriver admin = Browser.open();
        try {
            for (int i = 0; i < 6; i++) {
                officer.get(url + "/login");
                officer.findElement(By.id("user")).sendKeys("officer.yoon");
                officer.findElement(By.id("password")).sendKeys("wrong guess " + i);
                submit(officer, officer.findElement(By.id("login")));
            }
            String said = officer.findElement(By.cssSelector("[role=alert]")).getText();
            assertTrue(said.contains("잠겨 있습니다") && said.contains("KST"), said);
            shoot(officer, "workbench-locked");

            logIn(admin, url, Demo.DEMO_ADMIN, demo.adminPassword());
            admin.get(url + "/admin/users");
            WebElement row = admin.findElement(By.cssSelector("#users tr[data-user='officer.yoon']"));
            assertEquals("locked", row.findElement(By.cssSelector("td.state")).getAttribute("data-state"));
            assertAccessible(admin, "users");
            shoot(admin, "workbench-users");
            submit(admin, row.findElement(By.cssSelector("button[data-action=unlock]")));
            assertTrue(admin.findElement(By.id("done")).getText().contains("잠금을 풀었습니다"), admin.findElement(By.id("done")).getText());

            logIn(officer, url, "officer.yoon", "a synthetic passphrase");

            admin.get(url + "/admin/audit");
            assertEquals("true", admin.findElement(By.id("chain")).getAttribute("data-ok"));
            assertFalse(admin.findElements(By.cssSelector("#audit tbody tr")).isEmpty());
            Number overflow = (Number) ((JavascriptExecutor) admin).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow.intValue() <= 0, "the audit page fits a 1280-pixel screen; it is " + overflow + " px too wide");
            assertAccessible(admin, "audit");
            shoot(admin, "workbench-audit");
        } finally {
            officer.quit();
            admin.quit();
        }
    }

    @Test
    void everyPageHasNoSeriousAccessibilityViolationAndFitsALaptopScreen() throws Exception {
        WebDriver driver = Browser.open();
        try {
            driver.get(url + "/login");
            List<String> problems = new ArrayList<>(seriousViolations(driver).stream().map(v -> "/login: " + v).toList());
            logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
            waitForTwoPages(driver);
            String message = driver.findElement(By.cssSelector("article.hit a.detail")).getAttribute("href");
            driver.get(url + "/watchlists");
            String list = driver.findElements(By.cssSelector("#watchlists tbody tr a")).stream().map(a -> a.getAttribute("href"))
                    .findFirst().orElse(url + "/watchlists");
            for (String page : List.of("/search", "/search?q=" + java.net.URLEncoder.encode("중학교", StandardCharsets.UTF_8),
                    message.substring(url.length()), "/schools", "/schools/9900001", "/rooms/hidden_room_a", "/images", "/watchlists",
                    list.substring(url.length()), "/alerts", "/discovered", "/cases", "/cases/new", "/admin/users", "/admin/audit",
                    "/search?lang=en", "/alerts?lang=en", "/search?lang=ko")) {
                driver.get(url + page);
                seriousViolations(driver).forEach(v -> problems.add(page + ": " + v));
                Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                if (overflow.intValue() > 0) {
                    problems.add(page + ": " + overflow + " px wider than a 1280-pixel screen");
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            driver.quit();
        }
    }

    @Test
    void anAnalystEditsAWatchlistAndTriagesAlertsInBulk() throws Exception {
        WebDriver driver = Browser.open();
        try {
            logIn(driver, url, Demo.DEMO_ADMIN, demo.adminPassword());
            driver.get(url + "/watchlists");
            submit(driver, driver.findElement(By.linkText("데모: 한빛여고")));
            assertTrue(driver.findElement(By.id("rules")).getText().contains("한빛여자고등학교"), "a school rule by its name");
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("kind"))).selectByValue("term");
            driver.findElement(By.id("value")).sendKeys("브라우저편집단어");
            submit(driver, driver.findElement(By.id("add")));
            assertEquals("규칙을 추가했습니다.", driver.findElement(By.id("done")).getText());
            WebElement added = driver.findElements(By.cssSelector("#rules tbody tr")).stream()
                    .filter(r -> r.getText().contains("브라우저편집단어")).findFirst().orElseThrow();
            WebElement newValue = added.findElement(By.cssSelector("input[name=value]"));
            newValue.clear();
            newValue.sendKeys("브라우저고친단어");
            submit(driver, added.findElement(By.cssSelector("button[data-action=change]")));
            assertEquals("규칙의 값을 바꾸었습니다.", driver.findElement(By.id("done")).getText());
            added = driver.findElements(By.cssSelector("#rules tbody tr")).stream()
                    .filter(r -> r.findElement(By.cssSelector("td:nth-child(2)")).getText().equals("브라우저고친단어")).findFirst().orElseThrow();
            submit(driver, added.findElement(By.cssSelector("button[data-action=delete]")));
            assertEquals("규칙을 삭제했습니다.", driver.findElement(By.id("done")).getText());
            assertFalse(driver.findElement(By.id("rules")).getText().contains("브라우저고친단어"));
            assertTrue(driver.findElement(By.id("list-audit")).getText().contains("규칙 삭제"), "the list's own history");
            shoot(driver, "workbench-watchlist");

            List<WebElement> rows = List.of();
            for (int i = 0; i < 120 && rows.size() < 2; i++) {
                driver.get(url + "/alerts?state=new");
                rows = driver.findElements(By.cssSelector("#alerts tbody tr"));
                if (rows.size() < 2) {
                    Thread.sleep(500);
                }
            }
            assertTrue(rows.size() >= 2, "the demo's list raised alerts");
            long dismissedBefore = Long.parseLong(countOf(driver, "/alerts?state=dismissed"));
            driver.get(url + "/alerts?state=new");
            List<WebElement> picks = driver.findElements(By.cssSelector("#alerts tbody input[type=checkbox]"));
            picks.get(0).click();
            picks.get(1).click();
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("bulk-state"))).selectByValue("dismissed");
            submit(driver, driver.findElement(By.id("bulk-move")));
            assertEquals("알림 2건의 상태를 바꾸었습니다.", driver.findElement(By.id("done")).getText());
            assertEquals(dismissedBefore + 2, Long.parseLong(countOf(driver, "/alerts?state=dismissed")));
            shoot(driver, "workbench-alerts");
        } finally {
            driver.quit();
        }
    }

    private String countOf(WebDriver driver, String page) {
        driver.get(url + page);
        return driver.findElement(By.id("total")).getAttribute("data-total");
    }

    /**
     * The bundle the browser saved, once it is whole. Chromium writes into a .crdownload file and may reserve the final
     * name with an empty file before it renames, so a name ending in .zip alone is not a finished download: it must
     * also open as a zip (whose directory is written last) while no .crdownload is left.
     */
    private Path awaitDownload() {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> all = files.toList();
                boolean inProgress = all.stream().anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
                var zip = all.stream().filter(p -> p.getFileName().toString().endsWith(".zip")).findFirst();
                if (!inProgress && zip.isPresent() && isWholeZip(zip.get())) {
                    return zip.get();
                }
                Thread.sleep(200);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no whole bundle was downloaded within 60 s");
    }

    private static boolean isWholeZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.size() > 0;
        } catch (java.io.IOException notYet) {
            return false;
        }
    }

    private static Set<String> bundledMessages(Path zip) throws Exception {
        Set<String> ids = new TreeSet<>();
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals("records/messages.json")) {
                    found = true;
                    new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).forEach(r -> ids.add(r.get("id").asText()));
                }
            }
        }
        assertTrue(found, "the bundle has records/messages.json: " + zip.getFileName());
        return ids;
    }
}
