package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.CaseSightings;
import org.roomwatch.core.cases.Cases;

/**
 * The case pages: opening a case with photos hashed in the browser (the photos never leave the device), and a case's
 * results. The opening page forbids, by its content security policy, any request but to this server.
 */
final class CasePages {
    private static final String HASH_JS = resource("/static/roomwatch-hash.js");
    private static final String PAGE_JS = resource("/static/case-hashing.js");
    /** Scripts and requests from this server only: the page cannot send anything, photos least of all, elsewhere. */
    private static final String POLICY = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self';"
            + " style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Cases cases;
    private final Function<CaseFile, CaseRoutes.Results> results;

    CasePages(Cases cases, Function<CaseFile, CaseRoutes.Results> results) {
        this.cases = cases;
        this.results = results;
    }

    void register(Javalin app) {
        app.get("/static/roomwatch-hash.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(HASH_JS));
        app.get("/static/case-hashing.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(PAGE_JS));
        app.get("/cases/new", this::newCase);
        app.get("/cases/{number}", this::casePage);
    }

    private static String resource(String path) {
        try (InputStream in = CasePages.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void newCase(Context ctx) {
        String lang = WebPages.lang(ctx);
        boolean en = "en".equals(lang);
        Document doc = WebPages.page(ctx, en ? "Open a case: hash the photos here" : "사건 등록: 사진을 이 기기에서 해시");
        Element main = WebPages.main(doc);
        main.appendElement("p").attr("id", "promise").addClass("promise").text(en
                ? "The photos stay on this device. This page computes their hashes (PDQ, MD5, SHA-256) here, in the browser,"
                + " and sends only those hashes. No photo, no file name and no thumbnail is uploaded or kept."
                : "사진은 이 기기를 떠나지 않습니다. 이 페이지가 브라우저 안에서 사진의 해시(PDQ, MD5, SHA-256)를 계산하고,"
                + " 해시 값만 보냅니다. 사진, 파일 이름, 미리보기는 올리지도 보관하지도 않습니다.");
        Element unsupported = WebPages.alert(main, en
                ? "This browser lacks what hashing on the device needs. Nothing will be sent; use a current Chrome, Edge,"
                + " Firefox or Safari."
                : "이 브라우저에는 기기 안에서 해시하는 데 필요한 기능이 없습니다. 아무것도 보내지 않습니다. 최신 Chrome, Edge,"
                + " Firefox, Safari를 쓰십시오.");
        unsupported.attr("id", "unsupported").attr("hidden", "");
        Element noscript = main.appendElement("noscript");
        noscript.appendElement("p").addClass("error").text(en ? "Hashing needs JavaScript; without it nothing is sent."
                : "해시 계산에는 자바스크립트가 필요합니다. 자바스크립트 없이는 아무것도 보내지 않습니다.");
        Element form = main.appendElement("form").attr("id", "case-form").addClass("search");
        String token = ctx.attribute("auth.csrf");
        if (token != null) {
            form.attr("data-csrf", token);
        }
        field(form, en ? "Case number" : "사건 번호", "caseNumber", "text", true);
        field(form, en ? "Counselor" : "상담사", "counselor", "text", true);
        field(form, en ? "Consent (what the victim agreed to)" : "동의 내용 (피해자가 동의한 범위)", "consentNote", "text", true);
        field(form, en ? "Alert e-mail (optional)" : "알림 받을 이메일 (선택)", "notify", "text", false);
        Element photos = form.appendElement("label").text(en ? "Photos (hashed here, not sent)" : "사진 (여기서 해시, 보내지 않음)");
        photos.appendElement("input").attr("type", "file").attr("id", "photos").attr("accept", "image/png,image/jpeg,image/gif,image/bmp")
                .attr("multiple", "");
        form.appendElement("button").attr("type", "submit").attr("id", "open-case").attr("disabled", "")
                .text(en ? "Send the hashes and open the case" : "해시만 보내고 사건 등록");
        main.appendElement("p").attr("id", "status").attr("role", "status").attr("aria-live", "polite");
        Element table = main.appendElement("table").attr("id", "hashes");
        Element head = table.appendElement("thead").appendElement("tr");
        for (String h : en ? new String[] {"Photo", "PDQ", "Quality", "MD5", "SHA-256", "Note"}
                : new String[] {"사진", "PDQ", "품질", "MD5", "SHA-256", "비고"}) {
            head.appendElement("th").text(h);
        }
        table.appendElement("tbody");
        doc.body().appendElement("script").attr("src", "/static/roomwatch-hash.js");
        doc.body().appendElement("script").attr("src", "/static/case-hashing.js");
        ctx.header("Content-Security-Policy", POLICY);
        WebPages.send(ctx, doc);
    }

    private static void field(Element form, String text, String name, String type, boolean required) {
        Element label = form.appendElement("label").text(text);
        Element input = label.appendElement("input").attr("type", type).attr("name", name).attr("id", name);
        if (required) {
            input.attr("required", "");
        }
    }

    private void casePage(Context ctx) {
        String lang = WebPages.lang(ctx);
        boolean en = "en".equals(lang);
        String number = ctx.pathParam("number");
        CaseFile file = cases.find(number).orElse(null);
        if (file == null) {
            WebPages.messagePage(ctx, 404, en ? "No such case" : "사건 없음", (en ? "No case " : "사건이 없습니다: ") + number);
            return;
        }
        CaseRoutes.Results r = results.apply(file);
        ApiSecurity.results(ctx, r.messages());
        Document doc = WebPages.page(ctx, (en ? "Case " : "사건 ") + file.caseNumber());
        Element main = WebPages.main(doc);
        Element facts = main.appendElement("table").attr("id", "case");
        row(facts, en ? "Counselor" : "상담사", file.counselor());
        row(facts, en ? "Consent" : "동의 내용", file.consentNote());
        row(facts, en ? "Photos (hashes only)" : "사진 (해시만)", Integer.toString(file.photos()));
        row(facts, en ? "Opened" : "등록", WebPages.when(file.createdAt()) + " · " + file.createdBy());
        if (r.messages() == 0) {
            main.appendElement("p").attr("id", "no-matches").text(en
                    ? "No match so far: none of the case's photos appears in anything indexed. The case's watchlist alerts when one does."
                    : "아직 일치하는 것이 없습니다. 사건의 사진이 색인된 어디에도 없습니다. 나타나면 사건의 감시 목록이 알립니다.");
        } else {
            main.appendElement("p").attr("id", "summary").text(en
                    ? r.matchedImages() + " matching images in " + r.rooms().size() + " rooms, " + r.messages() + " messages"
                    : "일치하는 이미지 " + r.matchedImages() + "개, 방 " + r.rooms().size() + "곳, 메시지 " + r.messages() + "건");
            Element rooms = main.appendElement("table").attr("id", "rooms");
            Element head = rooms.appendElement("tr");
            for (String h : en ? new String[] {"Room", "State", "First seen", "Last seen", "Messages", "Nearest distance", "Photos"}
                    : new String[] {"방", "상태", "처음 본 때", "마지막 본 때", "메시지", "최소 거리", "사진"}) {
                head.appendElement("th").text(h);
            }
            for (CaseSightings.RoomSummary room : r.rooms()) {
                Element tr = rooms.appendElement("tr");
                String name = room.roomId().contains(":") ? room.roomId().substring(room.roomId().indexOf(':') + 1) : room.roomId();
                tr.appendElement("td").appendElement("a").attr("href", "/rooms/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .text(room.title() == null ? name : room.title() + " (" + name + ")");
                tr.appendElement("td").text(state(room, en));
                tr.appendElement("td").text(WebPages.when(room.firstSeen()));
                tr.appendElement("td").text(WebPages.when(room.lastSeen()));
                tr.appendElement("td").text(Integer.toString(room.messages()));
                tr.appendElement("td").text(Integer.toString(room.bestDistance()));
                tr.appendElement("td").text(String.join(", ", room.photos()));
            }
        }
        Element export = main.appendElement("p");
        String base = "/api/cases/" + java.net.URLEncoder.encode(file.caseNumber(), StandardCharsets.UTF_8).replace("+", "%20");
        export.appendElement("a").attr("id", "export-csv").attr("href", base + "/export?format=csv").text(en ? "Export (CSV)" : "내보내기 (CSV)");
        export.appendText(" · ");
        export.appendElement("a").attr("href", base + "/export?format=jsonl").text(en ? "Export (JSON lines)" : "내보내기 (JSON lines)");
        WebPages.send(ctx, doc);
    }

    private static String state(CaseSightings.RoomSummary room, boolean en) {
        StringBuilder s = new StringBuilder();
        if (Boolean.FALSE.equals(room.hasPreview())) {
            s.append(en ? "no web preview" : "웹 미리보기 없음");
        }
        if (room.invite() != null && !room.invite().equals("not_an_invite") && !room.invite().equals("NOT_AN_INVITE")) {
            s.append(s.isEmpty() ? "" : ", ").append(en ? "invite " : "초대 ").append(room.invite().toLowerCase(java.util.Locale.ROOT));
        }
        if (room.lastCaptured() != null) {
            s.append(s.isEmpty() ? "" : ", ").append(en ? "last captured " : "마지막 수집 ").append(WebPages.when(room.lastCaptured()));
        }
        return s.isEmpty() ? "-" : s.toString();
    }

    private static void row(Element table, String key, String value) {
        Element tr = table.appendElement("tr");
        tr.appendElement("th").text(key);
        tr.appendElement("td").text(value);
    }
}
