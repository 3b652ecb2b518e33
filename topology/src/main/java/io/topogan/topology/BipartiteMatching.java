package io.topogan.topology;

import java.util.Arrays;

/** Maximum bipartite matching by Hopcroft–Karp: BFS layers, then vertex-disjoint DFS paths. */
final class BipartiteMatching {

    private BipartiteMatching() {
    }

    /**
     * Size of a maximum matching.
     *
     * @param adjacency right vertices adjacent to each left vertex
     * @param rightCount number of right vertices
     */
    static int maximumMatching(int[][] adjacency, int rightCount) {
        int leftCount = adjacency.length;
        int[] matchOfLeft = new int[leftCount];
        int[] matchOfRight = new int[rightCount];
        Arrays.fill(matchOfLeft, -1);
        Arrays.fill(matchOfRight, -1);
        int[] layer = new int[leftCount];
        int[] queue = new int[leftCount];
        int[] nextEdge = new int[leftCount];
        int matched = 0;
        while (buildLayers(adjacency, matchOfLeft, matchOfRight, layer, queue)) {
            Arrays.fill(nextEdge, 0);
            for (int left = 0; left < leftCount; left++) {
                if (matchOfLeft[left] < 0
                        && augment(left, adjacency, matchOfLeft, matchOfRight, layer, nextEdge)) {
                    matched++;
                }
            }
        }
        return matched;
    }

    private static boolean buildLayers(int[][] adjacency, int[] matchOfLeft, int[] matchOfRight,
            int[] layer, int[] queue) {
        int head = 0;
        int tail = 0;
        for (int left = 0; left < adjacency.length; left++) {
            if (matchOfLeft[left] < 0) {
                layer[left] = 0;
                queue[tail++] = left;
            } else {
                layer[left] = -1;
            }
        }
        boolean reachesFree = false;
        while (head < tail) {
            int left = queue[head++];
            for (int right : adjacency[left]) {
                int next = matchOfRight[right];
                if (next < 0) {
                    reachesFree = true;
                } else if (layer[next] < 0) {
                    layer[next] = layer[left] + 1;
                    queue[tail++] = next;
                }
            }
        }
        return reachesFree;
    }

    private static boolean augment(int left, int[][] adjacency, int[] matchOfLeft,
            int[] matchOfRight, int[] layer, int[] nextEdge) {
        int[] edges = adjacency[left];
        for (; nextEdge[left] < edges.length; nextEdge[left]++) {
            int right = edges[nextEdge[left]];
            int next = matchOfRight[right];
            if (next < 0 || (layer[next] == layer[left] + 1
                    && augment(next, adjacency, matchOfLeft, matchOfRight, layer, nextEdge))) {
                matchOfLeft[left] = right;
                matchOfRight[right] = left;
                return true;
            }
        }
        layer[left] = -1;
        return false;
    }
}
