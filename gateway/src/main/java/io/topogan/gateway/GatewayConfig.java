package io.topogan.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the gateway under {@code topogan.gateway}. */
@ConfigMapping(prefix = "topogan.gateway")
public interface GatewayConfig {

    /** Bearer token of the endpoints that change state; without it they return 503. */
    Optional<String> token();

    /** Whether read endpoints also require the token. */
    @WithDefault("false")
    boolean protectReads();
}
