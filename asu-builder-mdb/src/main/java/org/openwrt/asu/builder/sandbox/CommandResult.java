package org.openwrt.asu.builder.sandbox;

/** What a finished command left: its exit code and everything it printed. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
