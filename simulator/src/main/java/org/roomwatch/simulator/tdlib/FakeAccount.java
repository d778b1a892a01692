package org.roomwatch.simulator.tdlib;

/** A Telegram account the fake knows: its login code and optional 2FA password. */
final class FakeAccount {
    final String phone;
    final long userId;
    volatile String code;
    final String password;
    volatile boolean banned;
    volatile boolean codeExpired;

    FakeAccount(String phone, long userId, String code, String password) {
        this.phone = phone;
        this.userId = userId;
        this.code = code;
        this.password = password;
    }
}
