package org.roomwatch.core;

/** Kinds of media a post can carry. Only references are kept; the bytes never are. */
public enum MediaKind { PHOTO, VIDEO, DOCUMENT, AUDIO, STICKER }
