package org.openwrt.asu.builder;

/** A build that cannot succeed, with the reason clients are shown after {@code "Error: "}. */
class BuildFailure extends RuntimeException {

    BuildFailure(String reason) {
        super(reason);
    }
}
