package io.topogan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCsvTest {

    @Test
    void oneColumnPerValueName() {
        Instant t = Instant.EPOCH;
        List<MetricComputed> metrics = List.of(
                new MetricComputed(1, "r1", 0, "homology", "samples",
                        Map.of("h0.bars", 99.0, "h1.bars", 3.0), Map.of(), 5, t, t),
                new MetricComputed(1, "r1", 0, "id", "samples", Map.of("mle", 7.5), Map.of(), 2,
                        t, t));
        String expected = "run,epoch,analyzer,layer,compute_ms,h0.bars,h1.bars,mle\n"
                + "r1,0,homology,samples,5,99.0,3.0,\n"
                + "r1,0,id,samples,2,,,7.5\n";
        assertEquals(expected, MetricsCsv.write(metrics));
    }
}
