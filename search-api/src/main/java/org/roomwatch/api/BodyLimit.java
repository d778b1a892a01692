package org.roomwatch.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Request bodies capped whatever their framing: a declared length over the cap is refused before a byte is read, and
 * a chunked body stops being read at the cap (Javalin's own limit checks the declared length only, so a chunked body
 * could fill the memory of an unauthenticated server). Routes that take uploads (images, hash lists) get the upload
 * cap; every other route the small one.
 */
final class BodyLimit implements Filter {
    /** The bodies of most routes: JSON and forms. */
    static final long DEFAULT_BYTES = 2L * 1024 * 1024;
    private static final List<String> UPLOAD_PREFIXES = List.of("/api/images/", "/images", "/api/hashsets/", "/api/watchlists/");

    /** Thrown by a body read past its cap; answered 413. */
    static final class TooLarge extends RuntimeException {
        final long cap;

        TooLarge(long cap) {
            super("the request body is larger than " + cap + " bytes");
            this.cap = cap;
        }
    }

    private final long uploadBytes;

    BodyLimit(long uploadBytes) {
        this.uploadBytes = uploadBytes;
    }

    long capOf(String path) {
        return UPLOAD_PREFIXES.stream().anyMatch(path::startsWith) ? uploadBytes : DEFAULT_BYTES;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long cap = capOf(http.getRequestURI());
        if (http.getContentLengthLong() > cap) {
            HttpServletResponse out = (HttpServletResponse) response;
            out.setStatus(413);
            out.setContentType("application/problem+json");
            out.setHeader("Connection", "close");
            out.getOutputStream().write(("{\"type\":\"" + Problem.BASE + "too-large\",\"title\":\"Request body too large\",\"status\":413,"
                    + "\"detail\":\"the body declares " + http.getContentLengthLong() + " bytes; at most " + cap + " are taken here\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new Capped(http, cap), response);
    }

    /** The request with a body that cannot be read past the cap. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final long cap;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), cap);
            }
            return stream;
        }
    }

    private static final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long cap;
        private long read;

        CappedStream(ServletInputStream in, long cap) {
            this.in = in;
            this.cap = cap;
        }

        private int count(int n) {
            if (n > 0) {
                read += n;
                if (read > cap) {
                    throw new TooLarge(cap);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
