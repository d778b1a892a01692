package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.roomwatch.core.account.TdJson;

/**
 * The real TDLib: {@code libtdjson.so} loaded with JNA. Loading checks that the library is the version this code was
 * written against (its JSON names change between versions), and quiets TDLib's own log, which would otherwise
 * write message text to stderr.
 */
public final class NativeTdJson implements TdJson {
    /** The TDLib version whose td_api.tl this code follows (npm @prebuilt-tdlib/linux-x64-glibc@0.1008067.0). */
    public static final String EXPECTED_VERSION = "1.8.67";

    /** The four JSON-interface functions; strings cross as UTF-8, as TDLib expects. */
    interface Lib extends Library {
        int td_create_client_id();

        void td_send(int clientId, String request);

        String td_receive(double timeout);

        String td_execute(String request);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Every library loaded, held for the life of the process. TDLib cannot be unloaded: once nothing referred to it, JNA's
     * cleaner closed the library on a later GC while TDLib's threads and exit handlers still pointed into it, and the
     * JVM then crashed on exit (SIGSEGV in libc). Loading a path twice also returns the same instance.
     */
    private static final java.util.concurrent.ConcurrentMap<Path, NativeTdJson> LOADED = new java.util.concurrent.ConcurrentHashMap<>();
    private final Lib lib;
    private final String version;

    private NativeTdJson(Lib lib, String version) {
        this.lib = lib;
        this.version = version;
    }

    /**
     * Loads {@code library} (a path to libtdjson.so) and checks its version.
     *
     * @throws IllegalStateException with what to do when the file is missing, cannot be loaded, or is another version
     */
    public static NativeTdJson load(Path library) {
        NativeTdJson known = LOADED.get(library.toAbsolutePath().normalize());
        if (known != null) {
            return known;
        }
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("TDLib library not found at " + library + " (accounts.tdjson): run"
                    + " tools/fetch-tdlib to install libtdjson.so " + EXPECTED_VERSION + " from npm");
        }
        Lib lib;
        try {
            lib = Native.load(library.toAbsolutePath().toString(), Lib.class,
                    Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot load TDLib from " + library + ": " + e.getMessage(), e);
        }
        // Level 1 keeps TDLib's fatal and error lines only: higher levels log message text.
        lib.td_execute("{\"@type\":\"setLogVerbosityLevel\",\"new_verbosity_level\":1}");
        String version = versionOf(lib.td_execute("{\"@type\":\"getOption\",\"name\":\"version\"}"));
        if (!EXPECTED_VERSION.equals(version)) {
            throw new IllegalStateException("TDLib at " + library + " is version " + version + ", but roomwatch is written"
                    + " for " + EXPECTED_VERSION + " (its JSON names differ between versions): install "
                    + EXPECTED_VERSION + " with tools/fetch-tdlib");
        }
        NativeTdJson loaded = new NativeTdJson(lib, version);
        NativeTdJson first = LOADED.putIfAbsent(library.toAbsolutePath().normalize(), loaded);
        return first != null ? first : loaded;
    }

    static String versionOf(String answer) {
        try {
            JsonNode node = answer == null ? null : JSON.readTree(answer);
            return node != null && "optionValueString".equals(node.path("@type").asText()) ? node.path("value").asText()
                    : "unknown (getOption answered " + answer + ")";
        } catch (java.io.IOException e) {
            return "unknown (getOption answered " + answer + ")";
        }
    }

    public String version() {
        return version;
    }

    @Override
    public int createClientId() {
        return lib.td_create_client_id();
    }

    @Override
    public void send(int clientId, String request) {
        lib.td_send(clientId, request);
    }

    @Override
    public String receive(double timeoutSeconds) {
        return lib.td_receive(timeoutSeconds);
    }

    @Override
    public String execute(String request) {
        return lib.td_execute(request);
    }
}
