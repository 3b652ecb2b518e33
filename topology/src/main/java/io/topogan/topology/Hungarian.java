package io.topogan.topology;

import java.util.Arrays;

/**
 * Minimum-cost perfect assignment on a square cost matrix, O(n^3): rows are inserted one at a
 * time and matched along a shortest augmenting path, with dual potentials u (rows) and v
 * (columns) keeping all reduced costs c[i][j] - u[i] - v[j] non-negative.
 */
final class Hungarian {

    private Hungarian() {
    }

    /** Column assigned to each row. */
    static int[] solve(double[][] cost) {
        int n = cost.length;
        double[] rowPotential = new double[n + 1];
        double[] columnPotential = new double[n + 1];
        int[] rowOfColumn = new int[n + 1];
        int[] previousColumn = new int[n + 1];
        double[] slack = new double[n + 1];
        boolean[] visited = new boolean[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            Arrays.fill(visited, false);
            do {
                visited[column] = true;
                int currentRow = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int nextColumn = 0;
                for (int j = 1; j <= n; j++) {
                    if (visited[j]) {
                        continue;
                    }
                    double reduced = cost[currentRow - 1][j - 1] - rowPotential[currentRow]
                            - columnPotential[j];
                    if (reduced < slack[j]) {
                        slack[j] = reduced;
                        previousColumn[j] = column;
                    }
                    if (slack[j] < delta) {
                        delta = slack[j];
                        nextColumn = j;
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (visited[j]) {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                column = nextColumn;
            } while (rowOfColumn[column] != 0);
            do {
                int previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            assignment[rowOfColumn[j] - 1] = j - 1;
        }
        return assignment;
    }
}
