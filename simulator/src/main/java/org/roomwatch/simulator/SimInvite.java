package org.roomwatch.simulator;

/** A synthetic invite link (+hash); an expired one shows t.me's invalid-invite page. */
public record SimInvite(String hash, String title, String description, boolean channel, long members, boolean expired) {}
