package org.roomwatch.crawler.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.roomwatch.testkit.Machine;
import org.roomwatch.testkit.MachineCheck;

/**
 * The real libtdjson.so, offline: it loads, is the expected version, and a new client reaches
 * authorizationStateWaitTdlibParameters through the real session layer. tools/fetch-tdlib installs the library;
 * .ci/run does so, and under CI a missing library is a failure, not a skip.
 */
class NativeTdJsonSmokeTest {
    private static Path library() {
        MachineCheck.require(Machine.TDLIB);
        return Machine.tdjson();
    }

    @Test
    void theRealLibraryReachesWaitTdlibParametersOffline() throws Exception {
        NativeTdJson td = NativeTdJson.load(library());
        assertEquals(NativeTdJson.EXPECTED_VERSION, td.version());
        try (TdClients clients = new TdClients(td)) {
            TdSession session = clients.open("smoke");
            CompletableFuture<String> waiting = new CompletableFuture<>();
            session.onUpdate(u -> {
                if (u.type().equals("updateAuthorizationState")) {
                    String state = u.body().path("authorization_state").path("@type").asText();
                    if (state.equals("authorizationStateWaitTdlibParameters")) {
                        waiting.complete(state);
                    }
                }
            });
            // Any request starts the client; this one is answered from TDLib's memory.
            TdSession.Answer version = session.call(TdRequests.of("getOption").put("name", "version"), Duration.ofSeconds(30));
            assertEquals("1.8.67", version.body().path("value").asText(), version.raw());
            assertEquals("authorizationStateWaitTdlibParameters", waiting.get(30, TimeUnit.SECONDS));

            // An error comes back typed, with TDLib's own message.
            TdException e = assertThrows(TdException.class,
                    () -> session.call(TdRequests.of("noSuchFunction"), Duration.ofSeconds(30)));
            assertTrue(e.tdMessage().length() > 0, e.getMessage());
            session.close();
        }
    }

    @Test
    void theLibraryStaysLoadedForTheLifeOfTheProcess() {
        // Unloading TDLib (JNA's cleaner after a GC) crashed the JVM's exit: the library must never be let go.
        NativeTdJson first = NativeTdJson.load(library());
        int identity = System.identityHashCode(first);
        first = null;
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertEquals(identity, System.identityHashCode(NativeTdJson.load(library())));
    }

    @Test
    void aMissingLibrarySaysHowToInstallIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NativeTdJson.load(Path.of("/nonexistent/libtdjson.so")));
        assertTrue(e.getMessage().contains("tools/fetch-tdlib"), e.getMessage());
    }

    @Test
    void aLibraryOfAnotherVersionIsNamedInTheError() {
        assertEquals("1.8.66", NativeTdJson.versionOf("{\"@type\":\"optionValueString\",\"value\":\"1.8.66\"}"));
        assertTrue(NativeTdJson.versionOf("{\"@type\":\"error\",\"code\":400}").startsWith("unknown"));
        assertTrue(NativeTdJson.versionOf(null).startsWith("unknown"));
    }
}
