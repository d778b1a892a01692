package org.roomwatch.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import org.roomwatch.core.cases.CaseFile;
import org.roomwatch.core.cases.Cases;

/**
 * A whole case as one signed evidence bundle, from its page: every message where the case's photos were seen,
 * gathered on the server (the page never lists ids), named with the case number. Only the analysts the case names
 * reach this route (the access table's case scope).
 */
final class CaseBundlePage {
    private final Cases cases;
    private final CaseRoutes routes;
    private final EvidenceRoutes evidence;

    CaseBundlePage(Cases cases, CaseRoutes routes, EvidenceRoutes evidence) {
        this.cases = cases;
        this.routes = routes;
        this.evidence = evidence;
    }

    void register(Javalin app) {
        app.post("/cases/{number}/evidence", this::bundle);
    }

    private void bundle(Context ctx) throws IOException {
        String lang = Layout.lang(ctx);
        String number = ctx.pathParam("number");
        CaseFile file = cases.find(number).orElse(null);
        if (file == null) {
            CasePages.noSuchCase(ctx, number);
            return;
        }
        String reason = ctx.formParam("reason");
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            Layout.messagePage(ctx, 400, I18n.t(lang, "bundle.title"), I18n.t(lang, "bundle.noReason"));
            return;
        }
        List<String> ids = routes.messageIds(file, EvidenceRoutes.MAX_RECORDS);
        if (ids.isEmpty()) {
            Layout.messagePage(ctx, 409, I18n.t(lang, "bundle.title"), I18n.t(lang, "case.noMatches"));
            return;
        }
        if (ids.size() > EvidenceRoutes.MAX_RECORDS) {
            Layout.messagePage(ctx, 400, I18n.t(lang, "bundle.title"), I18n.format(lang, "case.bundleTooLarge", EvidenceRoutes.MAX_RECORDS));
            return;
        }
        List<String> missing = evidence.write(ctx, ids, List.of(), reason.strip(), file.caseNumber());
        if (!missing.isEmpty()) {
            // Seen a moment ago, gone now (retention ran between): say which, and make nothing.
            Layout.messagePage(ctx, 409, I18n.t(lang, "bundle.title"), I18n.format(lang, "bundle.missing", EvidenceRoutes.named(missing)));
        }
    }
}
