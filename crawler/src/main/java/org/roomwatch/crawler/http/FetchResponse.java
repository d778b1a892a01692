package org.roomwatch.crawler.http;

import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fetched page: status, where it redirects (if it does), its declared type and its bytes. */
public record FetchResponse(URI uri, int status, String location, String contentType, String retryAfter, byte[] body) {
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([A-Za-z0-9._-]+)", Pattern.CASE_INSENSITIVE);

    public boolean isRedirect() {
        return status >= 300 && status < 400 && location != null;
    }

    /**
     * Decodes the body with the charset the server declared (UTF-8 when it declared none). Bytes that are not
     * valid in that charset are an error, not silently replaced: a mangled page would corrupt evidence.
     */
    public String text() throws FetchException {
        Charset charset = declaredCharset().orElse(StandardCharsets.UTF_8);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new FetchException(uri + " is not valid " + charset.name() + " text (" + e.getMessage()
                    + "); the page was not parsed", status, false);
        }
    }

    private Optional<Charset> declaredCharset() throws FetchException {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(m.group(1).toUpperCase(Locale.ROOT)));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new FetchException(uri + " declares an unknown charset [" + m.group(1) + "]", status, false);
        }
    }
}
