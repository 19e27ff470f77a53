package org.openwrt.asu.application;

/** The package lists of a target are not in the server's copy of the upstream metadata (yet). */
public class PackageListsUnavailableException extends RuntimeException {

    public PackageListsUnavailableException(String version, String target) {
        super("the package lists of " + version + " " + target + " are not loaded yet, please try again in a minute");
    }
}
