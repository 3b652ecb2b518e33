package io.topogan.events;

import java.util.List;

/** Copies of the list fields of events, which may be absent but must not contain nulls. */
final class NonNullLists {

    private NonNullLists() {
    }

    /**
     * Returns an unmodifiable copy of {@code list}, or an empty list for null.
     *
     * @throws IllegalArgumentException naming {@code field} and the index of a null element; JSON
     *     binding reports it as an invalid event
     */
    static <T> List<T> copyOf(List<T> list, String field) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("invalid " + field + "[" + i + "]: the list must not"
                        + " contain null");
            }
        }
        return List.copyOf(list);
    }
}
