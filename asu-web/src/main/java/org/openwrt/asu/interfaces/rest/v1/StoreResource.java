package org.openwrt.asu.interfaces.rest.v1;

import org.openwrt.asu.interfaces.rest.ErrorBody;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openwrt.asu.application.ImageStore;

/**
 * {@code /store/<bin_dir>/<file>}: the built images and their side files (manifest, profiles.json, …).
 * From the local store always {@code application/octet-stream} as an attachment, streamed, with
 * single byte ranges for resumed downloads; anything that does not resolve, links included, to a
 * regular file inside the store is a JSON 404. From the S3 store a 302 to where the bucket serves
 * the file ({@link ImageStore.Download.Elsewhere}).
 */
@Tag(name = "Store", description = "Built images")
@Path("store/{path: .+}")
@ApplicationScoped
public class StoreResource {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private ImageStore store;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public StoreResource() {
    }

    @Inject
    public StoreResource(ImageStore store) {
        this.store = store;
    }

    /** JAX-RS answers HEAD from this method: same headers, no body. */
    @Operation(summary = "Download a built image or side file", description = "application/octet-stream as an attachment; single byte ranges for resumed downloads; also HEAD. With the S3 store, a redirect to the bucket.")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The requested byte range (Content-Range)", content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "302", description = "The file is in the S3 store: its public or presigned URL (Location)")
    @APIResponse(responseCode = "404", description = "No such file in the store", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "416", description = "Range outside the file (Content-Range: bytes */<length>)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    public Response download(@Parameter(description = "<bin_dir>/<file name>") @PathParam("path") String path,
            @Parameter(description = "bytes=<first>-[<last>] or bytes=-<suffix>") @HeaderParam("Range") String range) throws IOException {
        Optional<ImageStore.Download> found = store.download(path);
        if (found.isEmpty()) {
            return ErrorBody.response(404, "Not found");
        }
        if (found.get() instanceof ImageStore.Download.Elsewhere elsewhere) {
            return Response.status(Response.Status.FOUND).location(elsewhere.location()).build();
        }
        java.nio.file.Path file = ((ImageStore.Download.LocalFile) found.get()).file();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long length = attributes.size();
        long first = 0;
        long last = length - 1;
        int status = 200;
        Matcher bytes = range == null ? null : SINGLE_RANGE.matcher(range.strip());
        if (bytes != null && bytes.matches() && !(bytes.group(1).isEmpty() && bytes.group(2).isEmpty())) {
            if (bytes.group(1).isEmpty()) {
                first = Math.max(0, length - position(bytes.group(2)));
            } else {
                first = position(bytes.group(1));
                last = bytes.group(2).isEmpty() ? length - 1 : Math.min(length - 1, position(bytes.group(2)));
            }
            if (first >= length || first > last) {
                return Response.fromResponse(ErrorBody.response(416, "Range Not Satisfiable"))
                        .header("Content-Range", "bytes */" + length).build();
            }
            status = 206;
        }
        long start = first;
        long count = last - first + 1;
        Response.ResponseBuilder response = Response.status(status)
                .entity((StreamingOutput) out -> copy(file, start, count, out))
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, count)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, "\"" + Long.toHexString(attributes.lastModifiedTime().toMillis()) + "-" + Long.toHexString(length) + "\"")
                .lastModified(new Date(attributes.lastModifiedTime().toMillis()));
        if (status == 206) {
            response.header("Content-Range", "bytes " + first + "-" + last + "/" + length);
        }
        return response.build();
    }

    /** A byte position of a Range header; one beyond any file (more than 18 digits) reads as the largest. */
    private static long position(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static void copy(java.nio.file.Path file, long start, long count, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(channel.position(start))) {
            byte[] buffer = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }
}
