package io.topogan.topology;

import java.util.ArrayList;
import java.util.List;

/** Parses the barcodes that the ripser program prints ("persistence intervals in dim k:"). */
final class RipserOutput {

    private RipserOutput() {
    }

    /** Diagrams of dimensions 0..maxDim; a dimension that ripser did not print stays empty. */
    static List<PersistenceDiagram> parse(String text, int maxDim) {
        List<List<double[]>> bars = new ArrayList<>();
        for (int dim = 0; dim <= maxDim; dim++) {
            bars.add(new ArrayList<>());
        }
        int dim = -1;
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("persistence intervals in dim ")) {
                String number = trimmed.substring("persistence intervals in dim ".length());
                dim = Integer.parseInt(number.replace(":", "").trim());
            } else if (trimmed.startsWith("[") && dim >= 0) {
                String[] parts = trimmed.substring(1, trimmed.indexOf(')')).split(",");
                double birth = Double.parseDouble(parts[0].trim());
                double death = parts[1].isBlank()
                        ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(parts[1].trim());
                bars.get(dim).add(new double[] {birth, death});
            }
        }
        List<PersistenceDiagram> diagrams = new ArrayList<>();
        for (int d = 0; d <= maxDim; d++) {
            List<double[]> list = bars.get(d);
            double[] births = new double[list.size()];
            double[] deaths = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                births[i] = list.get(i)[0];
                deaths[i] = list.get(i)[1];
            }
            diagrams.add(new PersistenceDiagram(d, births, deaths));
        }
        return diagrams;
    }
}
