package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jmoo.disk.CowChain;
import jmoo.disk.OpenOptions;
import jmoo.replay.Sha256;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** More guest boots on COW chains (five boots; {@code mvn test -Pslow}). */
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
}
