package org.openwrt.asu.builder.sandbox;

/**
 * The sandbox tool is missing, so nothing is built (unless {@code asu.builder.sandbox=none}), or
 * a build needs what only the sandbox can do.
 */
public class SandboxUnavailableException extends RuntimeException {

    public SandboxUnavailableException(String tool) {
        super("Builds are disabled on this server: the sandbox tool " + tool + " is not installed");
    }

    private SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Only bwrap can show a build its own files over the shared ImageBuilder's; without it such builds are refused. */
    static SandboxUnavailableException forOverlays() {
        return new SandboxUnavailableException("Custom repositories and repository keys need the bwrap sandbox "
                + "(asu.builder.sandbox=bwrap) on this server", null);
    }
}
