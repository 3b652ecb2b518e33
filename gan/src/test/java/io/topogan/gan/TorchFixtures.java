package io.topogan.gan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fixtures written by gan/src/test/python/make_fixtures.py and reproduces the weights
 * and inputs that script generated from its integer hash.
 */
final class TorchFixtures {

    private TorchFixtures() {
    }

    /** One state tensor of a PyTorch network, as listed in a manifest. */
    record TensorEntry(String network, String name, long[] shape) {
    }

    /** Uniform value in [-1, 1) for element j of tensor number tensorIndex; see the script. */
    static double pattern(int tensorIndex, long j) {
        long x = (j * 2654435761L + 40503L * (tensorIndex + 1)) & 0xFFFFFFFFL;
        x ^= x >>> 13;
        x = (x * 0x5BD1E995L) & 0xFFFFFFFFL;
        x ^= x >>> 15;
        return x / Math.pow(2, 31) - 1.0;
    }

    /** Returns scale * pattern(tensorIndex, j) for j = 0 .. count - 1, as floats. */
    static float[] patternArray(int tensorIndex, int count, double scale) {
        float[] values = new float[count];
        for (int j = 0; j < count; j++) {
            values[j] = (float) (scale * pattern(tensorIndex, j));
        }
        return values;
    }

    static List<String> lines(String name) {
        String text = new String(bytes(name), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    static List<TensorEntry> manifest(String name, String network) {
        List<TensorEntry> entries = new ArrayList<>();
        for (String line : lines(name)) {
            String[] fields = line.split(" ");
            if (!fields[0].equals(network)) {
                continue;
            }
            String[] dims = fields[2].split(",");
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Long.parseLong(dims[i]);
            }
            entries.add(new TensorEntry(fields[0], fields[1], shape));
        }
        return entries;
    }

    /** Reads a little-endian float32 file. */
    static float[] floats(String name) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    private static byte[] bytes(String name) {
        try (InputStream in = TorchFixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Fixture " + name
                        + " not found; run gan/src/test/python/make_fixtures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
