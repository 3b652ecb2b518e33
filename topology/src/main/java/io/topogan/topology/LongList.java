package io.topogan.topology;

import java.util.Arrays;

/** Growable array of longs. */
final class LongList {

    private long[] values;
    private int size;

    LongList(int capacity) {
        values = new long[Math.max(4, capacity)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
