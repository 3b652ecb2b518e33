package io.topogan.gateway;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Error bodies of the API: {@code {"error": ..., "problems": [...]}} with one entry per field. */
final class ApiErrors {

    /** Body of an error response; {@code problems} names each invalid field, or is empty. */
    public record Problem(String error, List<String> problems) {
    }

    private ApiErrors() {
    }

    static Response response(int status, String error) {
        return response(status, error, List.of());
    }

    static Response response(int status, String error, List<String> problems) {
        return Response.status(status).entity(new Problem(error, problems))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** Returns a 400 exception whose problem names {@code field}. */
    static WebApplicationException invalid(String field, String detail) {
        return new WebApplicationException(response(400, "invalid " + field,
                List.of(field + ": " + detail)));
    }

    static WebApplicationException notFound(String error) {
        return new WebApplicationException(response(404, error));
    }
}
