package org.roomwatch.core.cases;

import java.time.Instant;

/**
 * A case of the victim support side: its number, the counselor who took it, the consent the hashes were taken on,
 * and the hash set (and the watchlist on it) its photos' hashes formed. No photo is ever part of it.
 */
public record CaseFile(String caseNumber, String hashSet, String counselor, String consentNote, String watchlistId,
                       int photos, String createdBy, Instant createdAt) {}
