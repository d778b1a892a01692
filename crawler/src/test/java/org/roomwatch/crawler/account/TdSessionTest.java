package org.roomwatch.crawler.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.roomwatch.simulator.tdlib.FakeTdlib;

/** The session layer over the fake TDLib: answers by @extra, ordered updates, timeouts and typed errors. */
class TdSessionTest {
    @Test
    void errorsAreTypedWithTdlibsOwnWords() {
        TdException limit = TdException.of(429, "Too Many Requests: retry after 7200");
        assertEquals(Duration.ofSeconds(7200), assertInstanceOf(TdRateLimitException.class, limit).retryAfter());
        assertTrue(limit.getMessage().contains("retry after 7200"), limit.getMessage());
        assertEquals(Duration.ofSeconds(30), ((TdRateLimitException) TdException.of(420, "FLOOD_WAIT_30")).retryAfter());
        assertEquals(TdException.Kind.BANNED, TdException.of(400, "PHONE_NUMBER_BANNED").kind());
        assertEquals(TdException.Kind.BANNED, TdException.of(401, "USER_DEACTIVATED_BAN").kind());
        assertEquals(TdException.Kind.UNAUTHORIZED, TdException.of(401, "Unauthorized").kind());
        assertEquals(TdException.Kind.UNAUTHORIZED, TdException.of(401, "SESSION_REVOKED").kind());
        assertEquals(TdException.Kind.NO_ACCESS, TdException.of(400, "CHANNEL_PRIVATE").kind());
        assertEquals(TdException.Kind.NO_ACCESS, TdException.of(400, "Chat not found").kind());
        assertEquals(TdException.Kind.REJECTED, TdException.of(400, "PHONE_CODE_INVALID").kind());
        assertEquals(TdException.Kind.OTHER, TdException.of(500, "Request aborted").kind());
    }

    @Test
    void answersMeetTheirRequestsAndUpdatesArriveInOrderOffTheReceiveThread() throws Exception {
        FakeTdlib td = new FakeTdlib();
        try (TdClients clients = new TdClients(td)) {
            TdSession a = clients.open("a");
            TdSession b = clients.open("b");
            List<String> states = new CopyOnWriteArrayList<>();
            CountDownLatch two = new CountDownLatch(2);
            a.onUpdate(u -> {
                if (u.type().equals("updateAuthorizationState")) {
                    // A listener may call its own session: it runs on the session's thread, not the receive loop.
                    try {
                        a.call(TdRequests.of("getOption").put("name", "version"), Duration.ofSeconds(5));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    states.add(u.body().path("authorization_state").path("@type").asText());
                    two.countDown();
                }
            });
            a.onUpdate(u -> {
                throw new IllegalStateException("a failing listener does not stop the others");
            });
            var answers = List.of(a.send(TdRequests.of("getOption").put("name", "version")),
                    b.send(TdRequests.of("getOption").put("name", "version")));
            for (var answer : answers) {
                assertEquals("1.8.67", answer.get(5, TimeUnit.SECONDS).body().path("value").asText());
            }
            a.send(TdRequests.of("close"));
            assertTrue(two.await(10, TimeUnit.SECONDS), states.toString());
            assertEquals("authorizationStateWaitTdlibParameters", states.get(0));
        }
    }

    @Test
    void aRequestTdlibNeverAnswersTimesOutAsATypedError() throws Exception {
        FakeTdlib td = new FakeTdlib();
        td.silence("getChatHistory");
        try (TdClients clients = new TdClients(td)) {
            TdSession session = clients.open("slow");
            TdException e = assertThrows(TdException.class,
                    () -> session.call(TdRequests.getChatHistory(1, 0, 10), Duration.ofMillis(300)));
            assertEquals(TdException.Kind.TIMEOUT, e.kind());
            assertTrue(e.getMessage().contains("getChatHistory"), e.getMessage());
            TdException unknown = assertThrows(TdException.class,
                    () -> session.call(TdRequests.of("noSuchFunction"), Duration.ofSeconds(5)));
            assertTrue(unknown.tdMessage().contains("noSuchFunction"), unknown.getMessage());
        }
    }
}
