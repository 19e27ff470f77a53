package org.openwrt.asu.application;

/** The shared image store (the S3 bucket) cannot be reached right now; a build that needed it is delivered again. */
public class ImageStoreUnavailableException extends RuntimeException {

    public ImageStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
