package org.roomwatch.api;

/** A query parameter that cannot be used; becomes a 400 problem naming it. */
final class BadParameter extends RuntimeException {
    final String parameter;

    BadParameter(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }
}
