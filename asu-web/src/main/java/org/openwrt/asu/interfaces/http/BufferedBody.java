package org.openwrt.asu.interfaces.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;

/** A request whose body a filter has read into memory already, handed on to be read again. */
final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;
    private ServletInputStream stream;

    BufferedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The whole body, whatever was read of the stream. */
    byte[] body() {
        return body;
    }

    /** One stream for the request: Jersey asks for it again before each read. */
    @Override
    public ServletInputStream getInputStream() {
        if (stream == null) {
            stream = streamOf(new ByteArrayInputStream(body));
        }
        return stream;
    }

    private static ServletInputStream streamOf(ByteArrayInputStream in) {
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the body was read already");
            }
        };
    }
}
