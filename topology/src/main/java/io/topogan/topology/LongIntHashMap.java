package io.topogan.topology;

/** Open-addressing hash map from non-negative long keys to int values, with linear probing. */
final class LongIntHashMap {

    private static final long EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntHashMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    /** Value stored for the key, or -1 if absent. */
    int get(long key) {
        int slot = slot(key);
        while (true) {
            long stored = keys[slot];
            if (stored == key) {
                return values[slot];
            }
            if (stored == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    boolean containsKey(long key) {
        return get(key) >= 0;
    }

    /** Stores a non-negative value for the key, replacing any earlier one. */
    void put(long key, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int slot = slot(key);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == EMPTY) {
            size++;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    private int slot(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 29)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }
}
