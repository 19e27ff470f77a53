package org.openwrt.asu.application;

/**
 * A well-formed request for something this server does not build (a disabled feature, an
 * unknown distribution, version, target or profile). The message is shown to the user as is.
 */
public class BuildRequestRejectedException extends RuntimeException {

    private final String code;

    /**
     * @param code    the 2021 API's error code, e.g. {@code bad_distro}
     * @param message the text clients display
     */
    public BuildRequestRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
