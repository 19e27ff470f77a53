package org.openwrt.asu.builder.sandbox;

/** The sandbox tool is missing, so nothing is built (unless {@code asu.builder.sandbox=none}). */
public class SandboxUnavailableException extends RuntimeException {

    public SandboxUnavailableException(String tool) {
        super("Builds are disabled on this server: the sandbox tool " + tool + " is not installed");
    }
}
