package io.topogan.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names in a PromQL expression, or in a Grafana variable query such as
 * {@code label_values(topogan_metric_value, run)}. This is a lexical scan, not a parser: it drops
 * strings, label matchers, range selectors, Grafana variables and label lists of
 * {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/{@code group_right},
 * and then takes every identifier that is not a keyword or a function call as a metric name.
 */
final class PromQl {

    private static final Pattern GRAFANA_LABEL_VALUES =
            Pattern.compile("label_values\\(\\s*(?:(.*),)?\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");
    private static final Pattern STRING =
            Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|`[^`]*`");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?[a-zA-Z_]+\\}?");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset",
            "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    private PromQl() {
    }

    /** Returns the metric names that {@code expression} selects. */
    static Set<String> metricNames(String expression) {
        String text = expression;
        Matcher labelValues = GRAFANA_LABEL_VALUES.matcher(text);
        if (labelValues.find()) {
            text = labelValues.group(1) == null ? "" : labelValues.group(1);
        }
        text = STRING.matcher(text).replaceAll("\"\"");
        text = removeBracketed(text, '{', '}');
        text = removeBracketed(text, '[', ']');
        text = GRAFANA_VARIABLE.matcher(text).replaceAll(" ");
        text = LABEL_LIST.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            boolean call = identifier.group(2) != null;
            String name = identifier.group(1);
            if (!call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Removes every {@code open ... close} section; PromQL does not nest them. */
    private static String removeBracketed(String text, char open, char close) {
        StringBuilder result = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == open) {
                depth++;
            } else if (c == close && depth > 0) {
                depth--;
            } else if (depth == 0) {
                result.append(c);
            }
        }
        return result.toString();
    }
}
