package jmoo.replay;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Serializes a piece of machine state (a device's saveState, the CPU's) into a byte array. */
final class StateBytes {
    /** Something that writes state to a stream. */
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private StateBytes() {
    }

    static byte[] of(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        }
        return bytes.toByteArray();
    }
}
