package io.topogan.geometry;

/**
 * The k smallest (key, index) pairs offered, ordered by key and then by index, kept as a binary
 * max-heap so that the largest retained pair is at the root.
 */
final class NeighborHeap {
    private final double[] keys;
    private final int[] indices;
    private int size;

    NeighborHeap(int capacity) {
        keys = new double[capacity];
        indices = new int[capacity];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == keys.length;
    }

    /** Returns the largest retained key; only valid when the heap is not empty. */
    double maxKey() {
        return keys[0];
    }

    void offer(double key, int index) {
        if (size < keys.length) {
            keys[size] = key;
            indices[size] = index;
            siftUp(size++);
        } else if (isGreater(keys[0], indices[0], key, index)) {
            keys[0] = key;
            indices[0] = index;
            siftDown(0, size);
        }
    }

    /**
     * Writes the retained pairs in ascending order, keys converted from squared distances to
     * distances, and empties the heap. Both arrays need room for {@link #size()} entries.
     */
    void drainSorted(int[] outIndices, double[] outDistances) {
        for (int last = size - 1; last >= 0; last--) {
            outIndices[last] = indices[0];
            outDistances[last] = Math.sqrt(keys[0]);
            swap(0, last);
            siftDown(0, last);
        }
        size = 0;
    }

    private static boolean isGreater(double keyA, int indexA, double keyB, int indexB) {
        return keyA > keyB || (keyA == keyB && indexA > indexB);
    }

    private boolean isGreaterAt(int a, int b) {
        return isGreater(keys[a], indices[a], keys[b], indices[b]);
    }

    private void siftUp(int position) {
        while (position > 0) {
            int parent = (position - 1) >>> 1;
            if (!isGreaterAt(position, parent)) {
                return;
            }
            swap(position, parent);
            position = parent;
        }
    }

    private void siftDown(int position, int length) {
        while (true) {
            int largest = position;
            int left = 2 * position + 1;
            int right = left + 1;
            if (left < length && isGreaterAt(left, largest)) {
                largest = left;
            }
            if (right < length && isGreaterAt(right, largest)) {
                largest = right;
            }
            if (largest == position) {
                return;
            }
            swap(position, largest);
            position = largest;
        }
    }

    private void swap(int a, int b) {
        double key = keys[a];
        keys[a] = keys[b];
        keys[b] = key;
        int index = indices[a];
        indices[a] = indices[b];
        indices[b] = index;
    }
}
