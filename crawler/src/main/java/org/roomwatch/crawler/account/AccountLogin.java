package org.roomwatch.crawler.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Walks a TDLib client through its authorization states: the parameters (encrypted database, files directory),
 * then, only when asked for, phone number, login code and 2FA password from {@link Prompts}. A wrong code or
 * password is said in plain words and asked again; a banned number, an expired code or a step roomwatch cannot do
 * ends the login with a state that says so. Without prompts (a restart) an account that is not logged in any more is
 * reported as logged out; nothing waits for a person.
 */
public final class AccountLogin {
    /** Where a login ended. */
    public enum Outcome { AUTHORIZED, LOGGED_OUT, BANNED, RATE_LIMITED, FAILED }

    public record Result(Outcome outcome, String detail) {}

    /** The person at the terminal. Each may return null to give up. */
    public interface Prompts {
        String phone(String problem);

        String code(String problem);

        String password(String hint, String problem);
    }

    private static final int TRIES = 3;

    private final TdSession session;
    private final ObjectNode parameters;
    private final Duration timeout;
    private final BlockingQueue<JsonNode> states = new LinkedBlockingQueue<>();
    /** What went wrong last, told to the person at the next prompt. */
    private String problem;

    /** Listens to the session's authorization states from now on: create before sending the first request. */
    public AccountLogin(TdSession session, ObjectNode parameters, Duration timeout) {
        this.session = session;
        this.parameters = parameters;
        this.timeout = timeout;
        session.onUpdate(u -> {
            if (u.type().equals("updateAuthorizationState")) {
                states.add(u.body().path("authorization_state"));
            }
        });
    }

    /** Runs the login; {@code prompts} null means nobody is there to type a code. */
    public Result run(Prompts prompts) throws InterruptedException {
        session.send(TdRequests.of("getOption").put("name", "version")); // starts the client
        int phoneTries = 0;
        while (true) {
            JsonNode state = states.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (state == null) {
                return new Result(Outcome.FAILED, "TDLib reported no authorization state within " + timeout.toSeconds() + " s");
            }
            try {
                switch (state.path("@type").asText()) {
                    case "authorizationStateWaitTdlibParameters" -> session.call(parameters, timeout);
                    case "authorizationStateWaitPhoneNumber" -> {
                        if (prompts == null) {
                            return new Result(Outcome.LOGGED_OUT, "not logged in: run 'roomwatch accounts add' again");
                        }
                        if (++phoneTries > TRIES) {
                            return new Result(Outcome.FAILED, "gave up after " + TRIES + " phone numbers: " + problem);
                        }
                        Result r = phoneStep(prompts, problem);
                        if (r != null) {
                            return r;
                        }
                        problem = null;
                    }
                    case "authorizationStateWaitCode" -> {
                        if (prompts == null) {
                            return new Result(Outcome.LOGGED_OUT, "a login code is expected: run 'roomwatch accounts add'");
                        }
                        Result r = secretStep(p -> prompts.code(p), TdRequests::code, "PHONE_CODE_INVALID",
                                "that code is not right; check the message from Telegram and type it again");
                        if (r != null) {
                            return r;
                        }
                    }
                    case "authorizationStateWaitPassword" -> {
                        if (prompts == null) {
                            return new Result(Outcome.LOGGED_OUT, "a 2FA password is expected: run 'roomwatch accounts add'");
                        }
                        String hint = state.path("password_hint").asText("");
                        Result r = secretStep(p -> prompts.password(hint, p), TdRequests::password, "PASSWORD_HASH_INVALID",
                                "that two-step verification password is not right; try again");
                        if (r != null) {
                            return r;
                        }
                    }
                    case "authorizationStateReady" -> {
                        return new Result(Outcome.AUTHORIZED, "logged in");
                    }
                    case "authorizationStateLoggingOut", "authorizationStateClosing" -> { }
                    case "authorizationStateClosed" -> {
                        return new Result(Outcome.LOGGED_OUT, "the session was closed"
                                + (problem == null ? "" : " (" + problem + ")"));
                    }
                    default -> {
                        return new Result(Outcome.FAILED, "Telegram asks for a step roomwatch cannot do ("
                                + state.path("@type").asText() + "): finish it in a Telegram app, then add the account again");
                    }
                }
            } catch (TdException e) {
                Result r = fatal(e);
                if (r != null) {
                    return r;
                }
                problem = e.getMessage();
            }
        }
    }

    /**
     * Asks for the number until Telegram takes one (TDLib stays in WaitPhoneNumber after a refused number and sends no
     * new state, so the asking happens here); null when the next state should be awaited, a result when it is over.
     */
    private Result phoneStep(Prompts prompts, String problem) throws InterruptedException, TdException {
        for (int i = 0; i < TRIES; i++) {
            String phone = prompts.phone(problem);
            if (phone == null) {
                return new Result(Outcome.FAILED, "login abandoned");
            }
            try {
                session.call(TdRequests.phoneNumber(phone.strip()), timeout);
                return null;
            } catch (TdException e) {
                if (e.kind() != TdException.Kind.REJECTED) {
                    throw e;
                }
                problem = e.tdMessage().contains("PHONE_NUMBER_INVALID")
                        ? "Telegram does not know that number; type it with the country code, like +82 10 0000 0000"
                        : e.getMessage();
            }
        }
        return new Result(Outcome.FAILED, "gave up after " + TRIES + " numbers: " + problem);
    }

    private interface Ask {
        String next(String problem);
    }

    private interface Request {
        ObjectNode of(String value);
    }

    /** A code or password: wrong ones are asked again (TDLib stays in the same state); expired codes restart. */
    private Result secretStep(Ask ask, Request request, String wrong, String wrongInWords)
            throws InterruptedException, TdException {
        String problem = null;
        for (int i = 0; i < TRIES; i++) {
            String value = ask.next(problem);
            if (value == null) {
                return new Result(Outcome.FAILED, "login abandoned");
            }
            try {
                session.call(request.of(value.strip()), timeout);
                return null;
            } catch (TdException e) {
                if (e.tdMessage().contains(wrong)) {
                    problem = wrongInWords;
                } else if (e.tdMessage().contains("PHONE_CODE_EXPIRED")) {
                    // TDLib goes back to WaitPhoneNumber; the number is asked again and a new code sent.
                    this.problem = "the login code expired; enter the number again and Telegram sends a new code";
                    return null;
                } else {
                    throw e;
                }
            }
        }
        return new Result(Outcome.FAILED, "gave up after " + TRIES + " wrong tries: " + problem);
    }

    private static Result fatal(TdException e) {
        return switch (e.kind()) {
            case BANNED -> new Result(Outcome.BANNED, "Telegram has banned this phone number (" + e.tdMessage() + ")");
            case RATE_LIMITED -> new Result(Outcome.RATE_LIMITED, "Telegram asks to wait "
                    + ((TdRateLimitException) e).retryAfter().toSeconds() + " s before trying again (" + e.tdMessage() + ")");
            case UNAUTHORIZED -> e.tdMessage().contains("encryption key")
                    ? new Result(Outcome.FAILED, "the account's database cannot be opened with this key (" + e.tdMessage()
                    + "): use the key it was created with (ROOMWATCH_TDLIB_KEY or the key file)")
                    : new Result(Outcome.LOGGED_OUT, e.getMessage());
            case TIMEOUT -> new Result(Outcome.FAILED, e.getMessage());
            default -> null;
        };
    }
}
