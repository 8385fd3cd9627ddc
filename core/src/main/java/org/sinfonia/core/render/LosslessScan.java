package org.sinfonia.core.render;

/**
 * The sample loop of one lossless JPEG scan (T.81 H.1.2): prediction from the left (Ra), upper (Rb)
 * and upper-left (Rc) neighbours, modulo 2^16 reconstruction, and the reset to 2^(P-Pt-1) at the
 * start of the scan and of every restart interval, whose first line predicts from the left only.
 */
final class LosslessScan {

    private final int width;
    private final int height;
    private final int predictor;
    private final int pointTransform;
    private final int initialPrediction;
    private final int restartInterval;

    LosslessScan(int precision, int pointTransform, int predictor, int width, int height, int restartInterval) {
        this.width = width;
        this.height = height;
        this.predictor = predictor;
        this.pointTransform = pointTransform;
        this.initialPrediction = 1 << (precision - pointTransform - 1);
        this.restartInterval = restartInterval;
    }

    /** Fills each plane (one per scan component, sampled 1x1) from {@code bits}. */
    void decode(JpegBitReader bits, HuffmanTable[] tables, int[][] planes) throws RenderException {
        int components = planes.length;
        int mcusLeft = restartInterval;
        boolean firstLineOfInterval = true;
        boolean firstSampleOfInterval = true;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (restartInterval > 0 && mcusLeft == 0) {
                    bits.restart();
                    mcusLeft = restartInterval;
                    firstSampleOfInterval = true;
                    firstLineOfInterval = true;
                }
                for (int c = 0; c < components; c++) {
                    int[] plane = planes[c];
                    int prediction;
                    if (firstSampleOfInterval) {
                        prediction = initialPrediction;
                    } else if (firstLineOfInterval) {
                        prediction = x > 0 ? plane[row + x - 1] : plane[row - width];
                    } else if (x == 0) {
                        prediction = plane[row - width];
                    } else {
                        prediction = predict(plane[row + x - 1], plane[row - width + x], plane[row - width + x - 1]);
                    }
                    plane[row + x] = (prediction + difference(bits, tables[c])) & 0xFFFF;
                }
                firstSampleOfInterval = false;
                mcusLeft--;
            }
            if (!firstSampleOfInterval) {
                firstLineOfInterval = false;
            }
        }
        if (pointTransform > 0) {
            for (int[] plane : planes) {
                for (int i = 0; i < plane.length; i++) {
                    plane[i] <<= pointTransform;
                }
            }
        }
    }

    private int predict(int a, int b, int c) {
        return switch (predictor) {
            case 1 -> a;
            case 2 -> b;
            case 3 -> c;
            case 4 -> a + b - c;
            case 5 -> a + ((b - c) >> 1);
            case 6 -> b + ((a - c) >> 1);
            default -> (a + b) >> 1;
        };
    }

    /** A difference: its category from the Huffman table, then that many extra bits (T.81 F.2.2.1). */
    private static int difference(JpegBitReader bits, HuffmanTable table) throws RenderException {
        int category = table.decode(bits);
        if (category == 0) {
            return 0;
        }
        if (category == 16) {
            return 32768;
        }
        if (category > 16) {
            throw JpegLosslessDecoder.failed("difference category " + category);
        }
        int value = bits.read(category);
        return value < 1 << (category - 1) ? value - (1 << category) + 1 : value;
    }
}
