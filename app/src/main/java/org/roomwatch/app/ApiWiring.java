package org.roomwatch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;
import org.roomwatch.api.ApiSecurity;
import org.roomwatch.api.ApiServer;
import org.roomwatch.api.OpsRoutes;
import org.roomwatch.controlplane.JdbcAuditLog;
import org.roomwatch.controlplane.JdbcCases;
import org.roomwatch.controlplane.JdbcUsers;
import org.roomwatch.controlplane.MailOutbox;
import org.roomwatch.core.RoomWatcher;
import org.roomwatch.core.config.RoomwatchConfig;
import org.roomwatch.core.config.SecurityConfig;
import org.roomwatch.core.evidence.EvidenceKey;
import org.roomwatch.core.hashes.HashSetMatcher;
import org.roomwatch.core.search.ImageSearch;
import org.roomwatch.core.security.Role;
import org.roomwatch.indexer.ElasticsearchCaseSightings;
import org.roomwatch.indexer.ElasticsearchEvidenceRecords;
import org.roomwatch.indexer.ElasticsearchMessageViews;
import org.roomwatch.indexer.ElasticsearchImageSearch;
import org.roomwatch.indexer.ElasticsearchSearchService;
import org.roomwatch.indexer.ElasticsearchVideoSearch;
import org.roomwatch.indexer.ElasticsearchPostedMedia;
import org.roomwatch.indexer.ElasticsearchRoomTies;
import org.roomwatch.indexer.RetentionSweep;
import org.roomwatch.indexer.RetroScans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API role: users and the audit log, searches, images, cases and evidence, watchlists and alerts, the retention
 * sweep (one process sweeps, the one where cases are opened), and the HTTP server with the investigators' pages.
 */
final class ApiWiring {
    private static final Logger log = LoggerFactory.getLogger(ApiWiring.class);

    final JdbcUsers users;
    final RetentionJob retention;
    final ApiServer api;
    private final Path evidenceKeyFile;
    private EvidenceKey evidenceKey;

    ApiWiring(RoomwatchConfig config, Infrastructure infra, IngestWiring ingest, RoomWatcher watcher, MailOutbox outbox,
              OpsRoutes ops, Map<String, Supplier<?>> extraRoutes, Deque<AutoCloseable> closeables) {
        var db = infra.db().dataSource();
        evidenceKeyFile = Path.of(config.security().evidenceKeyFile());
        RetroScans retro = new RetroScans(infra.client(), infra.names(), ingest.alerts, ingest.hashSets, Clock.systemUTC());
        closeables.push(retro);
        ImageSearch images = new ElasticsearchImageSearch(infra.searchClient(), infra.names(),
                ElasticsearchImageSearch.method(config.media().nearDuplicateMethod()));
        ElasticsearchVideoSearch videos = new ElasticsearchVideoSearch(infra.searchClient(), infra.names());
        HashSetMatcher matcher = new HashSetMatcher(ingest.hashSets, images, videos);
        SecurityConfig security = config.security();
        users = new JdbcUsers(db, security.lockoutAfter(), security.lockoutFor(), security.minPasswordLength(), security.tokenLifetime());
        // A request with a token then costs no database round trip (PostgreSQL; revocations are announced to every process).
        closeables.push(users.rememberTokens());
        // Sealed with a key outside the database, the latest entry checkpointed beside it (tamper-evident beyond it).
        JdbcAuditLog audit = new JdbcAuditLog(db, Clock.systemUTC(), AuditKeyFile.seal(config));
        JdbcCases cases = new JdbcCases(db);
        retention = new RetentionJob(config.retention(), new RetentionSweep(infra.client(), infra.names()), cases, matcher, audit,
                Clock.systemUTC());
        if (!config.retention().keepsEverything()) {
            retention.start(infra.periodic());
        }
        if (users.list().stream().noneMatch(u -> u.role() == Role.ADMIN && !u.disabled())) {
            log.warn("No admin can log in yet: create one with 'roomwatch users add NAME --role admin'");
        }
        api = new ApiServer(new ElasticsearchSearchService(infra.searchClient(), infra.names(), ingest.tagging), watcher, infra::elasticsearchHealthy)
                .withSecurity(new ApiSecurity(users, audit, security, Clock.systemUTC(), cases, ingest.watchlists))
                .withImages(images, ingest.hasher, videos, ingest.videoHasher)
                .withHashSets(ingest.hashSets, matcher)
                .withCases(cases, ingest.hashSets, matcher, new ElasticsearchCaseSightings(infra.searchClient(), infra.names()), ingest.watchlists)
                .withClusters(new ElasticsearchPostedMedia(infra.searchClient(), infra.names()), ingest.hashSets)
                .withEvidence(new ElasticsearchEvidenceRecords(infra.searchClient(), infra.names()), this::evidenceKey)
                .withMessages(new ElasticsearchMessageViews(infra.searchClient(), infra.names(), ingest.tagging))
                .withSchools(ingest.tagging)
                .withSchoolGraph(new ElasticsearchRoomTies(infra.searchClient(), infra.names()))
                .withDiscovered(ingest.discovered)
                .withWatchlists(ingest.watchlists, ingest.alerts, retro, ingest.hasher)
                .withMailOutbox(status -> outbox.withStatus(status, 200))
                .withPages(users, audit)
                .start(config.api().host(), config.api().port());
        closeables.push(api);
        ops.checksInto(api.ops());
        if (ingest.accounts != null) {
            api.withAccounts(ingest.accounts);
        }
        extraRoutes.forEach(api::withGet);
        log.info("roomwatch is up: API http://{}:{}/api, Elasticsearch {}", config.api().host(), api.port(), infra.elasticsearchUrl());
    }

    /** The evidence signing key, loaded (or made) on the first bundle, then kept. */
    private synchronized EvidenceKey evidenceKey() {
        if (evidenceKey == null) {
            evidenceKey = EvidenceKey.loadOrCreate(evidenceKeyFile);
        }
        return evidenceKey;
    }
}
