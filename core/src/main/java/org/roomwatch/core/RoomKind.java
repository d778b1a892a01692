package org.roomwatch.core;

/** What sort of room: broadcast channel, discussion group, or not yet known. */
public enum RoomKind { CHANNEL, GROUP, UNKNOWN }
