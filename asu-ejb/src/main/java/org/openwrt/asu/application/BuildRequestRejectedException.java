package org.openwrt.asu.application;

/**
 * A well-formed request for something this server does not build (a disabled feature, an
 * unknown distribution, version, target or profile). The message is shown to the user as is.
 */
public class BuildRequestRejectedException extends RuntimeException {

    private final String code;
    private final String legacyMessage;

    /**
     * @param code          the 2021 API's error code, e.g. {@code bad_distro}
     * @param message       the text clients display
     * @param legacyMessage the 2021 API's text for it (v1 explains target and profile errors further)
     */
    public BuildRequestRejectedException(String code, String message, String legacyMessage) {
        super(message);
        this.code = code;
        this.legacyMessage = legacyMessage;
    }

    public String code() {
        return code;
    }

    public String legacyMessage() {
        return legacyMessage;
    }
}
