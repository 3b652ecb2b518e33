package io.topogan.gateway;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Accepts the bearer token as the query parameter {@code access_token} where a request carries no
 * Authorization header, because a browser's EventSource and image requests cannot set headers.
 * With {@code protect-reads} on, the dashboard's live stream and sample grids need it.
 */
public class QueryTokenFilter {

    static final String PARAMETER = "access_token";

    @ServerRequestFilter(preMatching = true)
    public void copyQueryToken(ContainerRequestContext request) {
        String token = request.getUriInfo().getQueryParameters().getFirst(PARAMETER);
        if (token != null && !token.isBlank()
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
    }
}
