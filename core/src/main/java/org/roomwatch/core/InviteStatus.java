package org.roomwatch.core;

/** The state of the invite link a room was seen through; NOT_AN_INVITE for a public username. */
public enum InviteStatus { NOT_AN_INVITE, VALID, EXPIRED_OR_INVALID }
