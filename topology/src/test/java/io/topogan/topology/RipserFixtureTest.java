package io.topogan.topology;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Barcodes against those the ripser program 1.2.1 printed for the committed fixtures. */
class RipserFixtureTest {

    static Stream<Arguments> cases() {
        return Fixtures.table("/ripser/cases.tsv").stream()
                .map(row -> Arguments.of(row[0], row[1], row[2], row[3], row[4],
                        Integer.parseInt(row[5])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void barcodesMatchRipser(String name, String input, String format, String metric,
            String threshold, int maxDim) {
        RipsPersistence rips = new RipsPersistence().withMaxDim(maxDim);
        if (!threshold.equals("-")) {
            rips = rips.withThreshold(Float.parseFloat(threshold));
        }
        String resource = "/ripser/" + input;
        PersistenceResult result;
        if (format.equals("lower-distance")) {
            result = rips.compute(Fixtures.lowerDistance(resource));
        } else {
            Metric chosen = metric.equals("cosine") ? Metric.COSINE : Metric.EUCLIDEAN;
            result = rips.withMetric(chosen).compute(Fixtures.points(resource, format));
        }
        List<PersistenceDiagram> expected =
                RipserOutput.parse(Fixtures.read("/ripser/" + name + ".barcode.txt"), maxDim);
        for (int dim = 0; dim <= maxDim; dim++) {
            BarcodeAssertions.assertSameBars(expected.get(dim), result.diagram(dim), name);
        }
    }
}
