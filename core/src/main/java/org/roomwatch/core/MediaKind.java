package org.roomwatch.core;

/**
 * Kinds of media a post can carry. Only references are kept; the bytes never are. A {@code POSTER} is the still a
 * video is shown with before it plays (t.me's video thumbnail): hashed as a photo, since a fake's poster is a still
 * of it, but not counted as a media item of its own.
 */
public enum MediaKind { PHOTO, VIDEO, DOCUMENT, AUDIO, STICKER, POSTER }
