package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.disk.CowChain;
import jmoo.disk.OpenOptions;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** More guest boots on COW chains and a live snapshot (six boots; {@code mvn test -Pslow}). */
@Tag("slow")
class GuestDisksSlowTest extends GuestDiskBoots {
    @Test
    void deletingTheCowRollsBackToThePristineImage() throws Exception {
        Path cow = dir.resolve("root.cow");
        boot("echo jmoo-rollback > /root/gone.txt; rm /etc/hostname; sync\npoweroff\n", "ubd0=" + cow + "," + rootfs);
        assertTrue(contains(cow, "jmoo-rollback\n"));
        Files.delete(cow);
        String after = boot("test -e /root/gone.txt && echo FILE-$((1)) || echo FILE-$((0))\n"
                + "echo HOST-$(cat /etc/hostname)\npoweroff\n", "ubd0=" + cow + "," + rootfs);
        assertTrue(after.contains("FILE-0"), after);
        assertTrue(after.contains("HOST-jmoo"), after);
        assertEquals(rootfsSha, Sha256.ofFile(rootfs));
    }

    @Test
    void aThreeLayerChainReadsCorrectlyInTheGuest() throws Exception {
        Path lower = dir.resolve("lower.cow");
        Path upper = dir.resolve("upper.cow");
        boot("echo one > /root/a; echo one > /root/b; sync\npoweroff\n", "ubd0=" + lower + "," + rootfs);
        String lowerSha = Sha256.ofFile(lower);
        // base first, as the seed writes chains; the missing top is created over the middle layer
        String middle = boot("echo A-$(cat /root/a) B-$(cat /root/b)\necho two > /root/b; echo new > /root/c; sync\npoweroff\n",
                "ubd0=" + rootfs + "," + lower + "," + upper);
        assertTrue(middle.contains("A-one B-one"), middle);
        assertEquals(lowerSha, Sha256.ofFile(lower), "only the top layer is written");
        String top = boot("echo A-$(cat /root/a) B-$(cat /root/b) C-$(cat /root/c) H-$(cat /etc/hostname)\npoweroff\n",
                "ubd0r=" + upper + "," + lower + "," + rootfs);
        assertTrue(top.contains("A-one B-two C-new H-jmoo"), top);
        try (CowChain chain = CowChain.open(upper, OpenOptions.readOnly())) {
            assertEquals(List.of(upper, lower, rootfs), chain.layers().stream().map(l -> l.path()).toList());
        }
        assertEquals(rootfsSha, Sha256.ofFile(rootfs));
    }

    @Test
    void aLiveSnapshotFreezesTheTopWhileTheGuestRuns() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script (a terminal for the monitor)");
        Path cow = dir.resolve("root.cow");
        Path err = dir.resolve("stderr.txt");
        try (JmooProcess jmoo = JmooProcess.startOnTerminal(err, "ubd0=" + cow + "," + rootfs)) {
            jmoo.type("echo jmoo-before-snap > /root/one; sync; echo READY-$((1+1))\r");
            assertTrue(jmoo.awaitLine("READY-2"), jmoo.console() + Files.readString(err));
            jmoo.type("\u0001c");
            jmoo.type("snapshot ubd0\r");
            assertTrue(jmoo.awaitLine("is frozen; writes go to"), jmoo.console());
            // a Ctrl-D typed while the monitor is still printing, or keys typed before it has
            // closed, do not reach their destination (the console's line reader): pause around it
            Thread.sleep(2000);
            jmoo.type("\u0004");
            Thread.sleep(2000);
            jmoo.type("echo jmoo-after-snap > /root/two; echo jmoo-changed > /root/one; sync; echo DONE-$((2+2))\r");
            assertTrue(jmoo.awaitLine("DONE-4"), jmoo.console());
            jmoo.type("poweroff\r");
            assertTrue(jmoo.awaitLine("the guest powered off"), jmoo.console());
        }
        Path top = dir.resolve("root-1.cow");
        assertTrue(contains(cow, "jmoo-before-snap\n"));
        assertFalse(contains(cow, "jmoo-after-snap"), "the frozen layer is not written after the snapshot");
        assertFalse(contains(cow, "jmoo-changed"));
        assertTrue(contains(top, "jmoo-after-snap\n"));
        assertTrue(contains(top, "jmoo-changed\n"));
        assertEquals(cow.toAbsolutePath().toString(), jmoo.disk.CowFiles.readHeader(top).backingPath());
        assertEquals(rootfsSha, Sha256.ofFile(rootfs));
    }
}
