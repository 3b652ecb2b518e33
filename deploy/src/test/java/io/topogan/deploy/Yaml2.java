package io.topogan.deploy;

import java.util.List;
import java.util.Map;

/** Typed access to the maps and lists that SnakeYAML returns. */
final class Yaml2 {

    private Yaml2() {
    }

    /** Follows {@code path} through nested maps; returns null when a step is missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String... path) {
        Object value = get(root, path);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String... path) {
        Object value = get(root, path);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    static Object get(Object root, String... path) {
        Object current = root;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    static String string(Object root, String... path) {
        Object value = get(root, path);
        return value == null ? null : value.toString();
    }
}
