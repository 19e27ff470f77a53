package org.openwrt.asu.infrastructure.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.openwrt.asu.application.ImageStore;
import org.openwrt.asu.application.ImageStoreUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The store in an S3 bucket that every node shares, as the Python server keeps it: objects
 * {@code store/<request hash>/<file>}. Builders upload a finished build's files; a download is a
 * redirect to {@code asu.store.s3.public-url} or to a presigned GET, so the web nodes never
 * carry image bytes and never call S3 to answer one. As there, nothing checks that the object
 * exists: a client that asks for an expired file gets the bucket's own 404. When the bucket
 * cannot be reached, {@link ImageStoreUnavailableException}: the build's message comes again.
 */
public final class S3ImageStore implements ImageStore, AutoCloseable {

    private static final String PREFIX = "store/";
    /** What a download path may be: {@code <bin_dir>/<file>} of the characters ImageBuilders use in names. */
    private static final Pattern STORED_PATH = Pattern.compile("[A-Za-z0-9_+~-][A-Za-z0-9._+~-]*(/[A-Za-z0-9_+~-][A-Za-z0-9._+~-]*)+");
    /** The most keys one DeleteObjects request takes. */
    private static final int DELETE_BATCH = 1000;

    private final Settings settings;
    private final S3Client s3;
    private final S3Presigner presigner;

    /** The {@code asu.store.s3.*} settings. */
    public record Settings(Optional<URI> endpoint, String region, String bucket, Optional<String> accessKey,
                           Optional<String> secretKey, boolean pathStyle, Optional<URI> publicUrl, Duration urlExpiry) {

        public static Settings from(Config config) {
            return new Settings(config.getOptionalValue("asu.store.s3.endpoint", URI.class),
                    config.getValue("asu.store.s3.region", String.class),
                    config.getValue("asu.store.s3.bucket", String.class),
                    config.getOptionalValue("asu.store.s3.access-key", String.class),
                    config.getOptionalValue("asu.store.s3.secret-key", String.class),
                    config.getValue("asu.store.s3.path-style", Boolean.class),
                    config.getOptionalValue("asu.store.s3.public-url", URI.class),
                    config.getValue("asu.store.s3.url-expiry", Duration.class));
        }

        private AwsCredentialsProvider credentials() {
            if (accessKey.isPresent() && secretKey.isPresent()) {
                return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get()));
            }
            // without keys, the machine's own: environment, profile, instance role
            return DefaultCredentialsProvider.builder().build();
        }
    }

    public S3ImageStore(Settings settings) {
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.credentials();
        Region region = Region.of(settings.region());
        // the HTTP client named, not looked up: the SDK's service lookup does not see the application's jars on every server
        var client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // checksums only where S3 demands them: not every S3-compatible server knows the newer ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presigning = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            presigning.endpointOverride(endpoint);
        });
        this.s3 = client.build();
        this.presigner = presigning.build();
    }

    @Override
    public void put(String requestHash, Path directory) throws IOException {
        delete(requestHash);
        List<Path> files;
        try (Stream<Path> tree = Files.walk(directory)) {
            files = tree.filter(Files::isRegularFile).toList();
        }
        try {
            for (Path file : files) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                s3.putObject(object -> object.bucket(settings.bucket()).key(PREFIX + requestHash + "/" + relative)
                                // served as the local store serves it: a download, never shown by a browser
                                .contentType("application/octet-stream")
                                .contentDisposition("attachment; filename=\"" + file.getFileName() + "\""),
                        RequestBody.fromFile(file));
            }
        } catch (SdkException e) {
            throw new ImageStoreUnavailableException("could not upload build " + requestHash + " to bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Download> download(String path) {
        if (!STORED_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        String key = PREFIX + path;
        if (settings.publicUrl().isPresent()) {
            String base = settings.publicUrl().get().toString();
            return Optional.of(new Download.Elsewhere(URI.create(base.endsWith("/") ? base + key : base + "/" + key)));
        }
        try {
            URI presigned = presigner.presignGetObject(request -> request.signatureDuration(settings.urlExpiry())
                    .getObjectRequest(object -> object.bucket(settings.bucket()).key(key))).url().toURI();
            return Optional.of(new Download.Elsewhere(presigned));
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException("the SDK presigned a URL that is not a URI", impossible);
        }
    }

    @Override
    public Map<String, Instant> builds() {
        Map<String, Instant> builds = new TreeMap<>();
        try {
            for (S3Object object : objects(PREFIX)) {
                String rest = object.key().substring(PREFIX.length());
                int slash = rest.indexOf('/');
                if (slash > 0) {
                    builds.merge(rest.substring(0, slash), object.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        } catch (SdkException e) {
            throw new ImageStoreUnavailableException("could not list bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
        return builds;
    }

    @Override
    public void delete(String requestHash) {
        try {
            List<ObjectIdentifier> keys = new ArrayList<>();
            for (S3Object object : objects(PREFIX + requestHash + "/")) {
                keys.add(ObjectIdentifier.builder().key(object.key()).build());
            }
            for (int first = 0; first < keys.size(); first += DELETE_BATCH) {
                Delete batch = Delete.builder().objects(keys.subList(first, Math.min(keys.size(), first + DELETE_BATCH)))
                        .quiet(true).build();
                s3.deleteObjects(request -> request.bucket(settings.bucket()).delete(batch));
            }
        } catch (SdkException e) {
            throw new ImageStoreUnavailableException("could not delete build " + requestHash + " from bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    private Iterable<S3Object> objects(String prefix) {
        return s3.listObjectsV2Paginator(request -> request.bucket(settings.bucket()).prefix(prefix)).contents();
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
