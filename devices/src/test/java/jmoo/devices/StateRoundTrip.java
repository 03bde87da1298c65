package jmoo.devices;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Copies one device's saved state into another of the same kind, as a machine snapshot does. */
public final class StateRoundTrip {
    private StateRoundTrip() {
    }

    /** Saves {@code from}, restores it into {@code to}, and returns the saved bytes. */
    public static byte[] copy(Device from, Device to) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        from.saveState(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        to.restoreState(in);
        if (in.available() != 0) {
            throw new IOException(to.name() + " left " + in.available() + " bytes of its saved state unread");
        }
        return bytes.toByteArray();
    }
}
