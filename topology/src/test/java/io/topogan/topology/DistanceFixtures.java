package io.topogan.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cases of resources/distance/cases.txt, written by src/test/python/make_distance_fixtures.py. */
final class DistanceFixtures {

    /** Two diagrams and the oracle values recorded for them, by key. */
    record Case(String name, PersistenceDiagram a, PersistenceDiagram b,
            Map<String, Double> expected) {

        double value(String key) {
            Double value = expected.get(key);
            if (value == null) {
                throw new IllegalStateException("case " + name + " has no value " + key);
            }
            return value;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private DistanceFixtures() {
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String block : Fixtures.read("/distance/cases.txt").split("\n\n")) {
            String name = null;
            PersistenceDiagram a = null;
            PersistenceDiagram b = null;
            Map<String, Double> expected = new HashMap<>();
            for (String line : block.strip().split("\n")) {
                int space = line.indexOf(' ');
                String key = space < 0 ? line : line.substring(0, space);
                String rest = space < 0 ? "" : line.substring(space + 1).trim();
                switch (key) {
                    case "case" -> name = "case " + rest;
                    case "a" -> a = diagram(rest);
                    case "b" -> b = diagram(rest);
                    default -> expected.put(key, parse(rest));
                }
            }
            cases.add(new Case(name, a, b, expected));
        }
        return cases;
    }

    private static PersistenceDiagram diagram(String text) {
        if (text.isBlank()) {
            return PersistenceDiagram.empty(0);
        }
        String[] fields = text.trim().split("\\s+");
        double[] births = new double[fields.length / 2];
        double[] deaths = new double[fields.length / 2];
        for (int i = 0; i < births.length; i++) {
            births[i] = parse(fields[2 * i]);
            deaths[i] = parse(fields[2 * i + 1]);
        }
        return new PersistenceDiagram(0, births, deaths);
    }

    private static double parse(String text) {
        return text.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
    }
}
