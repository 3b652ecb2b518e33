package io.topogan.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.storage.StorageException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class UnexpectedErrorMapperTest {

    private final UnexpectedErrorMapper mapper = new UnexpectedErrorMapper();

    @Test
    void unexpectedErrorHidesDetails() {
        Response response = mapper.toResponse(new IllegalStateException("secret internal detail"));
        assertEquals(500, response.getStatus());
        ApiErrors.Problem problem = (ApiErrors.Problem) response.getEntity();
        assertFalse(problem.error().contains("secret"), problem.error());
        assertTrue(problem.error().matches("internal error [0-9a-f]{8}; .*"), problem.error());
    }

    @Test
    void storageErrorsMapped() {
        assertEquals(404, mapper.toResponse(new StorageException("get x failed: not found",
                null, true)).getStatus());
        assertEquals(503, mapper.toResponse(new StorageException("get x failed after 3 attempts",
                null, false)).getStatus());
    }
}
