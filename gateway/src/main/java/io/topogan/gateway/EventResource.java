package io.topogan.gateway;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-sent events of every run, for dashboards that follow all runs at once. */
@Path("/api/events")
@Tag(name = "runs")
public class EventResource {

    private final LiveEvents live;
    private final AccessGuard access;

    public EventResource(LiveEvents live, AccessGuard access) {
        this.live = live;
        this.access = access;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live events of every run (server-sent events)", description = "Events"
            + " named metric (MetricComputed JSON) and status (RunStatus JSON).")
    public Multi<OutboundSseEvent> events(@HeaderParam("Authorization") String authorization,
            @Context Sse sse) {
        access.requireReadAccess(authorization);
        return live.stream(sse, null);
    }
}
