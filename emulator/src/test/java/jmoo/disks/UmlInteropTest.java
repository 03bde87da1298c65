package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.DataRegions;
import jmoo.disk.Flatten;
import jmoo.disk.OpenOptions;
import jmoo.disk.Progress;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * COW interop with real UML (Debian's x86-64 linux.uml) on one root filesystem both kernels boot:
 * the shipped i386 ext2 plus an x86-64 busybox and a UML init (images/uml/build-dual-rootfs.sh).
 * A COW that a jmoo guest wrote boots under linux.uml with the guest's files present (and its
 * deletion seen), and a COW that UML created and wrote boots under jmoo the same way. The backing
 * never changes; the merged disk passes e2fsck. About 20 s per direction here.
 */
class UmlInteropTest extends GuestDiskBoots {
    private static final int LINES = 1500;
    /** Writes a text file, a 200 KiB random file (printing its md5) and deletes a backing file. */
    private static final String WRITER = """
            mkdir /root/%1$s
            echo %1$s-wrote-$((6*7)) > /root/%1$s/hello.txt
            i=0; while [ $i -lt %2$d ]; do echo "%1$s line $i"; i=$((i+1)); done > /root/%1$s/lines.txt
            dd if=/dev/urandom of=/root/%1$s/random.bin bs=1024 count=200 2>/dev/null
            rm %3$s
            echo "WRITER-RANDOM-MD5 $(md5sum < /root/%1$s/random.bin | cut -d' ' -f1)"
            sync
            """;
    /** Prints what the other kernel wrote, one keyed line each. */
    private static final String READER = """
            echo "READER-HELLO $(cat /root/%1$s/hello.txt)"
            echo "READER-LINES-MD5 $(md5sum < /root/%1$s/lines.txt | cut -d' ' -f1)"
            echo "READER-RANDOM-MD5 $(md5sum < /root/%1$s/random.bin | cut -d' ' -f1)"
            if [ -e %2$s ]; then echo "READER-DELETED no"; else echo "READER-DELETED yes"; fi
            echo "READER-PASSWD $(head -n 1 /etc/passwd | cut -d: -f1,6)"
            """;

    private Path dual;
    private String dualSha;

    @BeforeEach
    void dualArchRootfs() throws Exception {
        OracleTools.require("linux.uml");
        OracleTools.require("debugfs");
        dual = UmlKernel.buildDualRootfs(rootfs, dir.resolve("dual.ext2"));
        dualSha = Sha256.ofFile(dual);
    }

    @Test
    void aCowJmooWroteBootsUnderUmlWithTheGuestsFiles() throws Exception {
        Path cow = dir.resolve("jmoo.cow");
        String jmoo = boot(WRITER.formatted("fromjmoo", LINES, "/etc/hostname") + "poweroff\n",
                "ubd0=" + cow + "," + dual);
        String randomMd5 = value(jmoo, "WRITER-RANDOM-MD5");
        assertEquals(dualSha, Sha256.ofFile(dual), "jmoo left the backing alone");

        String uml = UmlKernel.run(dir, "ubd0=" + cow + "," + dual, READER.formatted("fromjmoo", "/etc/hostname"));
        assertReaderSaw(uml, "fromjmoo", randomMd5);
        assertEquals(dualSha, Sha256.ofFile(dual), "UML left the backing alone");
        assertCleanFilesystem(cow);
    }

    @Test
    void aCowUmlWroteBootsUnderJmooWithItsFiles() throws Exception {
        Path cow = dir.resolve("uml.cow");
        String uml = UmlKernel.run(dir, "ubd0=" + cow + "," + dual,
                WRITER.formatted("fromuml", LINES, "/etc/busybox-version"));
        String randomMd5 = value(uml, "WRITER-RANDOM-MD5");
        assertTrue(CowFiles.isCow(cow), "UML created the COW");
        assertEquals(dual.toString(), CowFiles.readHeader(cow).backingPath());
        assertEquals(dualSha, Sha256.ofFile(dual), "UML left the backing alone");

        // The COW alone: jmoo finds the backing through the header UML wrote.
        String jmoo = boot(READER.formatted("fromuml", "/etc/busybox-version") + "poweroff\n", "ubd0=" + cow);
        assertReaderSaw(jmoo, "fromuml", randomMd5);
        assertEquals(dualSha, Sha256.ofFile(dual), "jmoo left the backing alone");
        assertCleanFilesystem(cow);
    }

    /**
     * Four boots on one COW, jmoo and UML taking turns: each checks what the previous kernel
     * wrote and that the file it deleted is gone, then writes and deletes in turn.
     */
    @Test
    @Tag("slow")
    void jmooAndUmlTakeTurnsOnOneCow() throws Exception {
        Path cow = dir.resolve("shared.cow");
        String previous = null;
        String previousDeleted = null;
        String previousMd5 = null;
        for (int turn = 0; turn < 4; turn++) {
            boolean jmooTurn = turn % 2 == 0;
            String who = (jmooTurn ? "jmoo" : "uml") + turn;
            String deletes = previous == null ? "/etc/hostname" : "/root/" + previous + "/lines.txt";
            String script = (previous == null ? "" : READER.formatted(previous, previousDeleted))
                    + WRITER.formatted(who, LINES, deletes);
            String console = jmooTurn ? boot(script + "poweroff\n", "ubd0=" + cow + "," + dual)
                    : UmlKernel.run(dir, "ubd0=" + cow + "," + dual, script);
            if (previous != null) {
                assertReaderSaw(console, previous, previousMd5);
            }
            previous = who;
            previousDeleted = deletes;
            previousMd5 = value(console, "WRITER-RANDOM-MD5");
            assertEquals(dualSha, Sha256.ofFile(dual), "turn " + turn + " left the backing alone");
        }
        assertCleanFilesystem(cow);
    }

    private static void assertReaderSaw(String console, String who, String randomMd5) throws Exception {
        assertEquals(who + "-wrote-42", value(console, "READER-HELLO"), console);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            lines.append(who).append(" line ").append(i).append('\n');
        }
        assertEquals(md5(lines.toString()), value(console, "READER-LINES-MD5"), "the text file, as the other kernel read it");
        assertEquals(randomMd5, value(console, "READER-RANDOM-MD5"), "the random file, as the other kernel read it");
        assertEquals("yes", value(console, "READER-DELETED"), "the file deleted in the COW is gone");
        assertEquals("root:/root", value(console, "READER-PASSWD"), "a backing file is still read through the COW");
    }

    /** The disk both kernels wrote, flattened by jmoo's engine, passes e2fsck -fn. */
    private void assertCleanFilesystem(Path cow) throws Exception {
        Path flat = dir.resolve(cow.getFileName() + ".flat");
        try (CowChain chain = CowChain.open(cow, OpenOptions.readOnly())) {
            Flatten.toRawImage(chain, flat, DataRegions.get(), Progress.NONE);
        }
        OracleTools.Run fsck = OracleTools.run(List.of(OracleTools.require("e2fsck").toString(), "-fn", flat.toString()),
                dir, 120);
        assertTrue(fsck.succeeded(), fsck.describe());
        assertFalse(fsck.output().contains("UNEXPECTED"), fsck.output());
    }

    /** The word after {@code key} on the first console line that starts with it (typed commands are echoed after a prompt). */
    private static String value(String console, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " (\\S+)").matcher(console);
        assertTrue(m.find(), "no line '" + key + " ...' on the console:\n" + console);
        return m.group(1);
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
