package org.openwrt.asu.domain;

import java.util.List;

/** The request body does not fit the build contract; carries every violation found. */
public class InvalidBuildRequestException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidBuildRequestException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid build request" : violations.get(0).msg());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
