package io.topogan.events;

import java.util.List;
import java.util.TreeSet;

/** Writes a run's metric history as CSV, one row per result and one column per value name. */
public final class MetricsCsv {

    private MetricsCsv() {
    }

    public static String write(List<MetricComputed> metrics) {
        TreeSet<String> names = new TreeSet<>();
        for (MetricComputed metric : metrics) {
            names.addAll(metric.values().keySet());
        }
        StringBuilder csv = new StringBuilder("run,epoch,analyzer,layer,compute_ms");
        for (String name : names) {
            csv.append(',').append(name);
        }
        csv.append('\n');
        for (MetricComputed metric : metrics) {
            csv.append(metric.runId()).append(',').append(metric.epoch()).append(',')
                    .append(metric.analyzer()).append(',').append(metric.layer()).append(',')
                    .append(metric.computeMillis());
            for (String name : names) {
                csv.append(',');
                Double value = metric.values().get(name);
                if (value != null) {
                    csv.append(value);
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
