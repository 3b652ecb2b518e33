package io.topogan.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Checks the bearer token of the endpoints that change state, and of reads when protected. */
@ApplicationScoped
public class AccessGuard {

    private final GatewayConfig config;

    public AccessGuard(GatewayConfig config) {
        this.config = config;
    }

    /** Raises 401 unless {@code protect-reads} is off or the bearer token is right. */
    public void requireReadAccess(String authorization) {
        if (config.protectReads()) {
            requireToken(authorization);
        }
    }

    /** Raises 503 when no token is configured and 401 when the header does not carry it. */
    public void requireToken(String authorization) {
        String token = config.token().orElse("");
        if (token.isBlank()) {
            throw new WebApplicationException(ApiErrors.response(503, "no API token is"
                    + " configured on the gateway; set TOPOGAN_GATEWAY_TOKEN"));
        }
        String expected = "Bearer " + token;
        if (authorization == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8))) {
            throw new WebApplicationException(Response.status(401)
                    .header("WWW-Authenticate", "Bearer")
                    .entity(new ApiErrors.Problem("missing or wrong bearer token", List.of()))
                    .type(MediaType.APPLICATION_JSON).build());
        }
    }
}
