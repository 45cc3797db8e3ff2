package io.aiopshub.analysis.anomaly;

/**
 * The last {@code capacity} values of a series with running sums (recomputed once per lap, so rounding
 * errors do not accumulate). Values are kept as floats: the statistics need no more precision, and it
 * halves the detector's memory per series.
 */
final class RingWindow {

    private final float[] values;
    private int size;
    private int next;
    private int sinceRecompute;
    private double sum;
    private double sumSq;

    RingWindow(int capacity) {
        values = new float[capacity];
    }

    int size() {
        return size;
    }

    void add(double value) {
        float x = (float) value;
        if (size == values.length) {
            double old = values[next];
            sum -= old;
            sumSq -= old * old;
        } else {
            size++;
        }
        values[next] = x;
        sum += x;
        sumSq += (double) x * x;
        next = (next + 1) % values.length;
        if (++sinceRecompute == values.length) {
            sinceRecompute = 0;
            sum = 0;
            sumSq = 0;
            for (int i = 0; i < size; i++) {
                sum += values[i];
                sumSq += (double) values[i] * values[i];
            }
        }
    }

    double mean() {
        return size == 0 ? 0 : sum / size;
    }

    /** The standard deviation, at least {@code floor}. */
    double sd(double floor) {
        if (size < 2) {
            return floor;
        }
        double mean = sum / size;
        return Math.max(Math.sqrt(Math.max(0, sumSq / size - mean * mean)), floor);
    }

    /** The mean of x and the last k - 1 values. */
    double recentMean(double x, int k) {
        int n = Math.min(k - 1, size);
        double s = x;
        for (int i = 1; i <= n; i++) {
            s += values[(next - i + values.length) % values.length];
        }
        return s / (n + 1);
    }

    /**
     * Whether at least m values deviate from {@code centre} in the direction of {@code deviation} by at
     * least {@code ratio} times its size, leaving out the latest {@code skipRecent} values: the deviation
     * is then something the window has seen before.
     */
    boolean recurs(double deviation, double centre, double ratio, int m, int skipRecent) {
        double bar = ratio * Math.abs(deviation);
        int count = 0;
        for (int back = skipRecent; back < size; back++) {
            double d = values[((next - 1 - back) % values.length + values.length) % values.length] - centre;
            if (deviation >= 0 ? d >= bar : -d >= bar) {
                if (++count >= m) {
                    return true;
                }
            }
        }
        return false;
    }
}
