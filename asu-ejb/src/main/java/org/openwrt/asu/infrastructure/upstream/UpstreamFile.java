package org.openwrt.asu.infrastructure.upstream;

/**
 * One answer of the download server.
 *
 * @param status     HTTP status; 304 when the validators sent still match
 * @param body       the body of a 200, else empty
 * @param validators the validators to send next time (the ones sent, for a 304)
 */
public record UpstreamFile(int status, String body, Validators validators) {

    public boolean changed() {
        return status == 200;
    }

    public boolean notModified() {
        return status == 304;
    }

    /**
     * What makes the next GET of the same file conditional.
     *
     * @param etag         the {@code ETag} header as received, or empty
     * @param lastModified the {@code Last-Modified} header as received, or empty
     */
    public record Validators(String etag, String lastModified) {

        public static final Validators NONE = new Validators("", "");

        public boolean any() {
            return !etag.isEmpty() || !lastModified.isEmpty();
        }
    }
}
