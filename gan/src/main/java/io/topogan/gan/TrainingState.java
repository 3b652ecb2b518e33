package io.topogan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Frame and tensor encoding of the state files written by {@link GanTraining#saveState()}.
 *
 * <p>Version 1 layout, all numbers big-endian as {@link java.io.DataOutputStream} writes them:
 * <pre>
 * offset 0   8 bytes  magic "TGANSTAT" in ASCII
 * offset 8   int      format version, 1
 * offset 12  long     payload length P in bytes
 * offset 20  P bytes  payload
 * offset 20+P int     CRC-32 of the payload
 * </pre>
 * The payload holds, in order:
 * <ol>
 *   <li>architecture id (modified UTF-8 as {@link DataOutput#writeUTF}), channels (int),
 *       epochs completed (int);
 *   <li>training random stream, then sampling random stream, each as
 *       {@link RandomStream#writeState} writes it (four longs, a boolean, a double);
 *   <li>generator parameters, then discriminator parameters, each as {@link #writeParameters}
 *       writes them: every parameter of the block including BatchNorm running statistics;
 *   <li>generator Adam state, then discriminator Adam state, as
 *       {@link AdamOptimizer#writeState} writes it: step count (long), parameter count (int),
 *       then per trainable parameter its name, first moment and second moment.
 * </ol>
 * Float tensors are stored as the raw big-endian float32 values in row-major order, without a
 * length, because the parameter's shape written before them or the network it belongs to fixes
 * the length.
 */
final class TrainingState {

    /** Current and only format version. */
    static final int VERSION = 1;

    static final int HEADER_BYTES = 8 + Integer.BYTES + Long.BYTES;

    private static final byte[] MAGIC = "TGANSTAT".getBytes(StandardCharsets.US_ASCII);

    private TrainingState() {
    }

    /** Prepends the header to the payload and appends its checksum. */
    static byte[] frame(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload.length + Integer.BYTES);
        buffer.put(MAGIC);
        buffer.putInt(VERSION);
        buffer.putLong(payload.length);
        buffer.put(payload);
        buffer.putInt(crc(payload, 0, payload.length));
        return buffer.array();
    }

    /**
     * Checks the header and checksum of a state file and returns its payload.
     *
     * @throws TrainingStateException if the bytes are not a state file, are truncated or
     *     corrupted, or have another format version
     */
    static ByteBuffer unframe(byte[] state) {
        int magicLength = Math.min(state.length, MAGIC.length);
        if (!Arrays.equals(state, 0, magicLength, MAGIC, 0, magicLength)) {
            throw new TrainingStateException("Not a topogan training state: the file does not"
                    + " start with \"TGANSTAT\"");
        }

        if (state.length < HEADER_BYTES) {
            throw new TrainingStateException("Training state is truncated: " + state.length
                    + " bytes, shorter than the " + HEADER_BYTES + "-byte header");
        }

        ByteBuffer buffer = ByteBuffer.wrap(state);
        buffer.position(MAGIC.length);
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new TrainingStateException("Unsupported training state version " + version
                    + "; this build reads version " + VERSION);
        }

        long payloadLength = buffer.getLong();
        long expected = HEADER_BYTES + payloadLength + Integer.BYTES;
        if (payloadLength < 0 || state.length < expected) {
            throw new TrainingStateException("Training state is truncated: " + state.length
                    + " bytes, the header announces " + expected
                    + "; restore an earlier checkpoint or start the run again");
        }
        if (state.length > expected) {
            throw new TrainingStateException("Training state has " + (state.length - expected)
                    + " unexpected bytes after its checksum");
        }

        int length = (int) payloadLength;
        int stored = buffer.getInt(HEADER_BYTES + length);
        int actual = crc(state, HEADER_BYTES, length);
        if (stored != actual) {
            throw new TrainingStateException("Training state is corrupted: CRC-32 of the"
                    + " payload is " + Integer.toHexString(actual) + ", the file stores "
                    + Integer.toHexString(stored)
                    + "; restore an earlier checkpoint or start the run again");
        }
        return ByteBuffer.wrap(state, HEADER_BYTES, length).slice();
    }

    /** Writes the name, shape and values of every parameter of the block, in block order. */
    static void writeParameters(Block block, DataOutput out) throws IOException {
        PairList<String, Parameter> parameters = block.getParameters();
        out.writeInt(parameters.size());
        for (Pair<String, Parameter> entry : parameters) {
            NDArray array = entry.getValue().getArray();
            out.writeUTF(entry.getKey());
            long[] shape = array.getShape().getShape();
            out.writeInt(shape.length);
            for (long dimension : shape) {
                out.writeLong(dimension);
            }
            writeFloats(out, array.toFloatArray());
        }
    }

    /**
     * Overwrites every parameter of the block with the values written by
     * {@link #writeParameters} for a block of the same structure.
     *
     * @param network "generator" or "discriminator", for error messages
     * @throws TrainingStateException if the stored parameter names or shapes differ from the
     *     block's
     */
    static void readParameters(Block block, DataInput in, String network) throws IOException {
        PairList<String, Parameter> parameters = block.getParameters();
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new TrainingStateException("The " + network + " in the training state has "
                    + count + " parameters, this network has " + parameters.size());
        }
        for (Pair<String, Parameter> entry : parameters) {
            NDArray array = entry.getValue().getArray();
            String name = in.readUTF();
            if (!name.equals(entry.getKey())) {
                throw new TrainingStateException("The " + network + " in the training state has"
                        + " parameter " + name + " where this network has " + entry.getKey());
            }
            int rank = in.readInt();
            if (rank < 0 || rank > 8) {
                throw new TrainingStateException("Parameter " + name + " of the " + network
                        + " has invalid rank " + rank);
            }
            long[] dimensions = new long[rank];
            for (int axis = 0; axis < rank; axis++) {
                dimensions[axis] = in.readLong();
            }
            Shape stored = new Shape(dimensions);
            if (!stored.equals(array.getShape())) {
                throw new TrainingStateException("Parameter " + name + " of the " + network
                        + " has shape " + stored + " in the training state, " + array.getShape()
                        + " in this network");
            }
            array.set(readFloats(in, Math.toIntExact(array.size())));
        }
    }

    static void writeFloats(DataOutput out, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES)
                .order(ByteOrder.BIG_ENDIAN);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
    }

    static float[] readFloats(DataInput in, int count) throws IOException {
        byte[] bytes = new byte[count * Float.BYTES];
        in.readFully(bytes);
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
