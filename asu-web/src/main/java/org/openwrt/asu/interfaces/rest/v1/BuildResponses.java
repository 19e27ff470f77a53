package org.openwrt.asu.interfaces.rest.v1;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.openwrt.asu.application.FinishedBuildAnswers;
import org.openwrt.asu.application.RenderedJson;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.interfaces.rest.CachedJson;

/**
 * A build's state as the v1 API answers it (spec §1.5): 202 while queued or started, 200 with
 * the result when done, 500 with the builder's message when failed. Every stage has the same
 * shape: {@code status}, {@code detail}, {@code imagebuilder_status}, the {@code request} as
 * accepted, {@code enqueued_at}, {@code request_hash}, and the two progress headers.
 * The answer about a successful build is rendered once ({@link FinishedBuildAnswers}) and then
 * written as stored bytes.
 */
public final class BuildResponses {

    static final String IMAGEBUILDER_STATUS = "X-Imagebuilder-Status";
    static final String QUEUE_POSITION = "X-Queue-Position";
    /** The progress headers of a finished build (interfaces.http.RenderedReads writes them too). */
    public static final Map<String, String> DONE_HEADERS = Map.of(IMAGEBUILDER_STATUS, "done", QUEUE_POSITION, "0");
    /** Python's isoformat of an aware UTC datetime: microseconds and +00:00. */
    private static final DateTimeFormatter ENQUEUED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private BuildResponses() {
    }

    /** The answer about a successful build, from the bytes rendered before. */
    static Response done(RenderedJson answer, HttpHeaders headers) {
        Response.ResponseBuilder response = CachedJson.body(headers, answer);
        DONE_HEADERS.forEach(response::header);
        return response.build();
    }

    static Response of(Build build, FinishedBuildAnswers answers, HttpHeaders headers) {
        JsonObjectBuilder body = Json.createObjectBuilder(build.details());
        int status;
        String stage;
        long position = 0;
        switch (build.status()) {
            case QUEUED -> {
                status = 202;
                stage = "queued";
                position = build.queuePosition();
                body.add("detail", "queued").add("imagebuilder_status", stage).add("queue_position", position);
            }
            case STARTED -> {
                status = 202;
                stage = build.imagebuilderStatus();
                body.add("detail", "started").add("imagebuilder_status", stage);
            }
            case DONE -> {
                status = 200;
                stage = "done";
                body.add("imagebuilder_status", stage);
            }
            default -> {
                status = 500;
                stage = "failed";
                String detail = build.details().getString("detail", "failed");
                body.add("detail", "init".equals(detail) ? "failed" : detail).add("imagebuilder_status", stage);
            }
        }
        body.add("status", status)
                .add("request", build.echoedRequest())
                .add("enqueued_at", ENQUEUED_AT.format(build.enqueuedAt()))
                .add("request_hash", build.requestHash());
        if (status == 200) {
            return done(answers.render(FinishedBuildAnswers.Shape.V1, build, body.build()), headers);
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(IMAGEBUILDER_STATUS, stage)
                .header(QUEUE_POSITION, Long.toString(position))
                .entity(body.build())
                .build();
    }

    static Response unknownHash() {
        return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("status", 404).add("title", "Not Found")
                        .add("detail", "could not find provided request hash").build())
                .build();
    }
}
