package io.topogan.gateway;

import io.topogan.events.DeadLetter;
import io.topogan.events.RunConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Lists the records that analyzers could not process, newest first. */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final AccessGuard access;

    public DeadLetterResource(DeadLetters deadLetters, AccessGuard access) {
        this.deadLetters = deadLetters;
        this.access = access;
    }

    @GET
    @Operation(summary = "Records the analyzers could not process", description = "Newest first,"
            + " at most the newest 1000; filter with run=ID. Each names the service, topic and"
            + " reason.")
    public List<DeadLetter> list(@QueryParam("run") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        if (runId != null && !RunConfig.isValidRunId(runId)) {
            throw new WebApplicationException(ApiErrors.response(400, "run: invalid run id '"
                    + runId + "'; use 1 to 63 lower-case letters, digits or '-'"));
        }
        return deadLetters.list(runId);
    }
}
