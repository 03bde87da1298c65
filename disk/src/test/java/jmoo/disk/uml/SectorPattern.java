package jmoo.disk.uml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sector contents that both the host (Java) and the guest (busybox sh) can produce: sector s of
 * pattern "tag" is the text "tag sector s" padded with spaces to 511 bytes, then a newline.
 * Each sector differs, so a sector read from the wrong place is caught.
 */
record SectorPattern(String tag) {

    byte[] sector(long s) {
        byte[] b = String.format("%-511s\n", tag + " sector " + s).getBytes(StandardCharsets.US_ASCII);
        if (b.length != 512) {
            throw new IllegalStateException("pattern text too long for a sector: " + tag);
        }
        return b;
    }

    /** Sectors [first, first+count) concatenated. */
    byte[] sectors(long first, int count) {
        byte[] out = new byte[count * 512];
        for (int i = 0; i < count; i++) {
            System.arraycopy(sector(first + i), 0, out, i * 512, 512);
        }
        return out;
    }

    String md5(long first, int count) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(sectors(first, count)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Guest shell lines that write sectors [first, first+count) of this pattern to {@code device}
     * (staged in /tmp so that dd writes whole blocks).
     */
    String guestWrite(String device, long first, int count) {
        return "i=" + first + "; : > /tmp/pattern\n"
                + "while [ $i -lt " + (first + count) + " ]; do printf '%-511s\\n' \"" + tag
                + " sector $i\" >> /tmp/pattern; i=$((i+1)); done\n"
                + "dd if=/tmp/pattern of=" + device + " bs=512 seek=" + first + " conv=notrunc 2>/dev/null\n";
    }
}
