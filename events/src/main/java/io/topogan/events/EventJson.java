package io.topogan.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/**
 * Reads and writes events as JSON. Unknown fields are ignored so that older readers accept events
 * with added fields; a schema version above {@link Event#SCHEMA_VERSION} is rejected, because its
 * meaning may have changed.
 */
public final class EventJson {

    /** Largest event accepted, in characters; blobs travel through object storage, not events. */
    public static final int MAX_LENGTH = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private EventJson() {
    }

    /** Returns the shared mapper, configured as this class reads and writes events. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code event} as one line of JSON. */
    public static String write(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event, e);
        }
    }

    /**
     * Reads an event of type {@code type} from {@code json}.
     *
     * @throws InvalidEventException if the JSON is malformed, too long, of an unsupported schema
     *     version, lacks a valid run id, or lacks a required field (see {@link RequiredFields})
     */
    public static <T extends Event> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty " + type.getSimpleName() + " event");
        }
        if (json.length() > MAX_LENGTH) {
            throw new InvalidEventException(type.getSimpleName() + " event of " + json.length()
                    + " characters exceeds the limit of " + MAX_LENGTH);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed " + type.getSimpleName() + " JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(type.getSimpleName() + " event must be a JSON object");
        }
        requireSupportedVersion(tree, type);

        T event;
        try {
            event = MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            throw new InvalidEventException("invalid " + type.getSimpleName() + " event: "
                    + detail, e);
        }
        if (!RunConfig.isValidRunId(event.runId())) {
            throw new InvalidEventException(type.getSimpleName() + " has an invalid runId '"
                    + event.runId() + "': use 1 to 63 lower-case letters, digits or '-'");
        }
        List<String> missing = RequiredFields.missing(event);
        if (!missing.isEmpty()) {
            throw new InvalidEventException("invalid " + type.getSimpleName() + " event of run "
                    + event.runId() + ": missing or null required field(s) "
                    + String.join(", ", missing));
        }
        return event;
    }

    /** Rejects a schemaVersion that is absent, not an integer, or outside 1..SCHEMA_VERSION. */
    private static void requireSupportedVersion(JsonNode tree, Class<?> type) {
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new InvalidEventException(type.getSimpleName() + " event has no integer"
                    + " schemaVersion, got " + version);
        }
        if (version.asInt() < 1 || version.asInt() > Event.SCHEMA_VERSION) {
            throw new InvalidEventException(type.getSimpleName() + " schemaVersion "
                    + version.asInt() + " is not supported; this reader supports 1.."
                    + Event.SCHEMA_VERSION);
        }
    }
}
