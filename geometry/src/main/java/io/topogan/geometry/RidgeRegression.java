package io.topogan.geometry;

/**
 * Weighted ridge regression of y on the powers {@code x, x^2, ..., x^degree} with an unpenalised
 * intercept, the fit of {@link GeoMle}. It minimises
 * <pre>
 *   sum_i w_i (y_i - c_0 - sum_p c_p x_i^p)^2 + alpha sum_p c_p^2
 * </pre>
 * by centring the features and y on their weighted means, solving
 * {@code (F^T W F + alpha I) c = F^T W y} for the centred features F by Cholesky decomposition,
 * and recovering {@code c_0 = mean_w(y) - sum_p c_p mean_w(x^p)}. This is the objective of
 * scikit-learn's {@code Ridge} with {@code sample_weight} and {@code fit_intercept=True}.
 */
final class RidgeRegression {

    private RidgeRegression() {
    }

    /**
     * Returns the intercept c_0, or NaN when {@code F^T W F + alpha I} is not positive definite
     * (only possible with alpha = 0).
     *
     * @param x regressor values
     * @param y targets, one per x
     * @param weights positive, finite weights, one per x
     * @param degree highest power of x, at least 1
     * @param alpha ridge penalty on c_1..c_degree, at least 0
     */
    static double intercept(double[] x, double[] y, double[] weights, int degree, double alpha) {
        int count = x.length;
        double[][] features = new double[count][degree];
        for (int i = 0; i < count; i++) {
            double power = 1;
            for (int p = 0; p < degree; p++) {
                power *= x[i];
                features[i][p] = power;
            }
        }

        double weightSum = 0;
        double meanY = 0;
        double[] meanFeature = new double[degree];
        for (int i = 0; i < count; i++) {
            weightSum += weights[i];
            meanY += weights[i] * y[i];
            for (int p = 0; p < degree; p++) {
                meanFeature[p] += weights[i] * features[i][p];
            }
        }
        meanY /= weightSum;
        for (int p = 0; p < degree; p++) {
            meanFeature[p] /= weightSum;
        }

        double[][] normal = new double[degree][degree];
        double[] rightSide = new double[degree];
        for (int i = 0; i < count; i++) {
            double centredY = y[i] - meanY;
            for (int p = 0; p < degree; p++) {
                double centredP = features[i][p] - meanFeature[p];
                rightSide[p] += weights[i] * centredP * centredY;
                for (int q = 0; q <= p; q++) {
                    normal[p][q] += weights[i] * centredP * (features[i][q] - meanFeature[q]);
                }
            }
        }
        for (int p = 0; p < degree; p++) {
            normal[p][p] += alpha;
        }

        double[] coefficients = solvePositiveDefinite(normal, rightSide);
        if (coefficients == null) {
            return Double.NaN;
        }
        double intercept = meanY;
        for (int p = 0; p < degree; p++) {
            intercept -= coefficients[p] * meanFeature[p];
        }
        return intercept;
    }

    /**
     * Solves {@code A c = r} for symmetric A given by its lower triangle, by Cholesky
     * decomposition in place. Returns null when A is not positive definite.
     */
    private static double[] solvePositiveDefinite(double[][] lower, double[] rightSide) {
        int size = rightSide.length;
        for (int j = 0; j < size; j++) {
            double diagonal = lower[j][j];
            for (int m = 0; m < j; m++) {
                diagonal -= lower[j][m] * lower[j][m];
            }
            if (!(diagonal > 0)) {
                return null;
            }
            lower[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < size; i++) {
                double value = lower[i][j];
                for (int m = 0; m < j; m++) {
                    value -= lower[i][m] * lower[j][m];
                }
                lower[i][j] = value / lower[j][j];
            }
        }
        double[] solution = rightSide.clone();
        for (int i = 0; i < size; i++) {
            for (int m = 0; m < i; m++) {
                solution[i] -= lower[i][m] * solution[m];
            }
            solution[i] /= lower[i][i];
        }
        for (int i = size - 1; i >= 0; i--) {
            for (int m = i + 1; m < size; m++) {
                solution[i] -= lower[m][i] * solution[m];
            }
            solution[i] /= lower[i][i];
        }
        return solution;
    }
}
