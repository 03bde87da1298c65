package jmoo.disk.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmoo.disk.CowFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two UML boots over the same COW files with jmoo's engine writing between them: the root COW
 * made by jmoo, the data COW made by uml_mkcow. The guest fills its root filesystem with random
 * files and checks them again after the reboot; jmoo must read every file back with the sums
 * the guest printed, see a clean ext2, and agree with uml_moo's merge of the result.
 */
@Tag("slow")
class UmlRebootSlowTest {
    private static final SectorPattern BACKING = new SectorPattern("backing");
    private static final SectorPattern ENGINE = new SectorPattern("engine");
    private static final int DATA_SECTORS = 4096;
    private static final Pattern SUM = Pattern.compile("(?m)^([0-9a-f]{32})  /data/(r\\d+)$");

    @TempDir
    Path dir;

    @Test
    void guestFilesSurviveARebootAndJmooReadsThemAll() throws Exception {
        Path rootImg = UmlRootfs.copyTo(dir.resolve("rootfs.ext2"));
        Path rootCow = dir.resolve("root.cow");
        CowFiles.create(rootCow, rootImg, false);
        Path dataImg = dir.resolve("data.img");
        Files.write(dataImg, BACKING.sectors(0, DATA_SECTORS));
        Path dataCow = dir.resolve("data.cow");
        ToolRun.run(dir, 30, List.of(Oracles.tool("uml_mkcow").toString(), dataCow.toString(), dataImg.toString()))
                .requireSuccess();

        UmlMachine uml = new UmlMachine(dir).disk(rootCow, rootImg).disk(dataCow, dataImg);
        uml.run("mkdir /data\n"
                + "i=0; while [ $i -lt 6 ]; do dd if=/dev/urandom of=/data/r$i bs=64k count=16 2>/dev/null; i=$((i+1)); done\n"
                + "md5sum /data/r* > /data/sums\nsync\n");

        EngineIo.write(dataCow, 100, ENGINE.sectors(100, 300));

        UmlMachine.Boot second = uml.run("md5sum -c /data/sums\n"
                + "rm /data/r1 /data/r4\n"
                + "dd if=/dev/urandom of=/data/r9 bs=64k count=24 2>/dev/null\n"
                + "md5sum /data/r*\n"
                + "echo \"ENGINE-MD5 $(dd if=/dev/ubdb bs=512 skip=100 count=300 2>/dev/null | md5sum | cut -d' ' -f1)\"\n"
                + "sync\n");
        assertEquals(ENGINE.md5(100, 300), second.value("ENGINE-MD5"), "UML reads what jmoo wrote into uml_mkcow's COW");

        Path flat = dir.resolve("root-flat.img");
        EngineIo.export(rootCow, flat);
        ToolRun fsck = ToolRun.run(dir, 60, List.of(Oracles.tool("e2fsck").toString(), "-fn", flat.toString()));
        assertEquals(0, fsck.exitCode(), "e2fsck of the root filesystem read through jmoo:\n" + fsck.output());
        Matcher m = SUM.matcher(second.console());
        int files = 0;
        while (m.find()) {
            Path out = dir.resolve(m.group(2));
            ToolRun.run(dir, 60, List.of(Oracles.tool("debugfs").toString(), "-R", "dump /data/" + m.group(2) + " " + out,
                    flat.toString())).requireSuccess();
            assertEquals(m.group(1), md5(out), "/data/" + m.group(2) + " read through jmoo");
            files++;
        }
        assertEquals(5, files, "the guest listed r0 r2 r3 r5 r9:\n" + second.console());

        Path moo = dir.resolve("root-moo.img");
        ToolRun.run(dir, 60, List.of(Oracles.tool("uml_moo").toString(), rootCow.toString(), moo.toString()))
                .requireSuccess();
        assertEquals(-1, Files.mismatch(moo, flat), "jmoo's view of the root COW differs from uml_moo's merge");
        byte[] data = EngineIo.read(dataCow, 100, 300);
        assertEquals(-1, java.util.Arrays.mismatch(ENGINE.sectors(100, 300), data), "jmoo's own sectors after the reboot");
    }

    private static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }
}
