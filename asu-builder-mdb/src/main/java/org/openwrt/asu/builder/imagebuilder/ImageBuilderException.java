package org.openwrt.asu.builder.imagebuilder;

/** No trustworthy ImageBuilder could be set up; the message says why, for the client to read. */
public class ImageBuilderException extends RuntimeException {

    public ImageBuilderException(String message) {
        super(message);
    }

    public ImageBuilderException(String message, Throwable cause) {
        super(message, cause);
    }
}
