package org.openwrt.asu.domain;

/**
 * A 2021 API body the server refuses, in that API's words: an HTTP status (400 or 422), its
 * status word ({@code bad_request}, {@code bad_packages}, {@code duplicate_package_list}) and a
 * message.
 */
public class LegacyRequestException extends RuntimeException {

    private final int httpStatus;
    private final String code;

    public LegacyRequestException(int httpStatus, String code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }
}
