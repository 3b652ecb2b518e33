package io.topogan.topology;

import java.util.Arrays;

/** Binary min-heap of longs on a growable array; duplicates are kept. */
final class LongHeap {

    private long[] heap = new long[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    void push(long value) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int child = size++;
        while (child > 0) {
            int parent = (child - 1) >>> 1;
            if (heap[parent] <= value) {
                break;
            }
            heap[child] = heap[parent];
            child = parent;
        }
        heap[child] = value;
    }

    long peek() {
        return heap[0];
    }

    long pop() {
        long top = heap[0];
        long last = heap[--size];
        int parent = 0;
        int half = size >>> 1;
        while (parent < half) {
            int child = 2 * parent + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[parent] = heap[child];
            parent = child;
        }
        heap[parent] = last;
        return top;
    }

    /**
     * Removes and returns the minimum that survives Z/2 cancellation: equal values cancel in
     * pairs. Returns -1 when nothing survives; stored values must be non-negative.
     */
    long popPivot() {
        while (size > 0) {
            long top = pop();
            if (size > 0 && heap[0] == top) {
                pop();
            } else {
                return top;
            }
        }
        return -1;
    }

    /** Same as {@link #popPivot()} but leaves the pivot in the heap. */
    long pivot() {
        long pivot = popPivot();
        if (pivot >= 0) {
            push(pivot);
        }
        return pivot;
    }
}
