package org.roomwatch.core.account;

/**
 * TDLib's JSON interface, as its C library exports it ({@code td_create_client_id}, {@code td_send},
 * {@code td_receive}, {@code td_execute}): requests and answers are JSON objects named by {@code @type}; an answer
 * carries the request's {@code @extra} and every incoming object its {@code @client_id}. The native library
 * implements it in the crawler; the simulator's fake TDLib speaks the same JSON for tests and benchmarks.
 */
public interface TdJson {
    /** A new client; it starts once the first request is sent to it. */
    int createClientId();

    /** Queues a request for a client; the answer arrives through {@link #receive}. */
    void send(int clientId, String request);

    /** The next answer or update of any client, or null when none arrives within the timeout. One thread only. */
    String receive(double timeoutSeconds);

    /** Runs one of the few requests TDLib answers synchronously (getOption "version", setLogVerbosityLevel). */
    String execute(String request);
}
