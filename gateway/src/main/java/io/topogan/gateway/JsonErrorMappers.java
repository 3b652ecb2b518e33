package io.topogan.gateway;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns request bodies that Jackson cannot read into a 400 whose problem names the JSON field,
 * such as {@code batchSize: expected an integer, got "many"}. Without these mappers Quarkus REST
 * returns an empty 400 for such bodies outside dev mode.
 */
public class JsonErrorMappers {

    @ServerExceptionMapper
    public Response malformed(JsonParseException exception) {
        JsonLocation location = exception.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
        return invalid("body", "malformed JSON" + where + ": send one JSON object");
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException exception) {
        String field = field(exception);
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return invalid(field, "unknown field " + unknown.getPropertyName());
        }
        String expected = "expected " + describe(exception.getTargetType());
        if (exception instanceof InvalidFormatException format) {
            expected += ", got " + quote(format.getValue());
        }
        return invalid(field, expected);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException exception) {
        return invalid(field(exception), "invalid value");
    }

    /** Returns the 400 response of any Jackson error, for callers outside the mappers. */
    static Response toResponse(JsonProcessingException exception) {
        JsonErrorMappers mappers = new JsonErrorMappers();
        if (exception instanceof JsonParseException parse) {
            return mappers.malformed(parse);
        }
        if (exception instanceof MismatchedInputException mismatched) {
            return mappers.mismatched(mismatched);
        }
        if (exception instanceof JsonMappingException mapping) {
            return mappers.mapping(mapping);
        }
        return invalid("body", "invalid JSON: send one JSON object");
    }

    private static Response invalid(String field, String detail) {
        Log.debugf("rejected a request body: %s: %s", field, detail);
        return ApiErrors.response(400, "invalid " + field, List.of(field + ": " + detail));
    }

    /** Returns the dotted path of the field that failed, or {@code body} for the whole body. */
    private static String field(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    /** Names a target type in JSON terms, so no Java class name reaches the client. */
    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type == int.class || type == Integer.class || type == long.class
                || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class
                || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    /** Quotes a rejected value for the message, cut to 100 characters. */
    private static String quote(Object value) {
        String text = String.valueOf(value);
        if (text.length() > 100) {
            text = text.substring(0, 100) + "...";
        }
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
