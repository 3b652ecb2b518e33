package io.topogan.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.topogan.storage.StorageException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;

/**
 * Turns every exception that no other mapper handles into a JSON error without internals. An
 * object-store failure becomes 404 (object missing) or 503 (store unreachable). Anything else is
 * logged with an error id and the request path, and returns a generic 500 with the same id.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof WebApplicationException web && web.getResponse() != null) {
            // The JSON body reader wraps a parse error in an empty 400, which names no problem.
            if (web.getCause() instanceof JsonProcessingException json
                    && !web.getResponse().hasEntity()) {
                return JsonErrorMappers.toResponse(json);
            }
            return web.getResponse();
        }
        String path = uriInfo == null ? "?" : uriInfo.getPath();
        if (exception instanceof StorageException storage) {
            if (storage.isNotFound()) {
                return ApiErrors.response(404, "not found in object storage: " + path);
            }
            Log.warnf("object storage failed on %s: %s", path, storage.getMessage());
            return ApiErrors.response(503, "object storage is unavailable; try again later");
        }
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        Log.errorf(exception, "unexpected error id=%s path=%s", errorId, path);
        return ApiErrors.response(500, "internal error " + errorId
                + "; the gateway log has the details under this id");
    }
}
