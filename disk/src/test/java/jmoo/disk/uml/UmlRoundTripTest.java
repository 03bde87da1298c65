package jmoo.disk.uml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import jmoo.disk.Commit;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.DataRegions;
import jmoo.disk.Flatten;
import jmoo.disk.OpenOptions;
import jmoo.disk.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real UML (Debian's linux.uml) boots a root filesystem through a COW that jmoo's engine
 * created, reads sectors that jmoo's engine wrote into a second COW (given to UML alone, so UML
 * finds its backing from the header jmoo wrote), and writes to both; jmoo's
 * engine then reads the guest's data back, sector by sector and as files of the ext2. One boot
 * serves every test here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UmlRoundTripTest {
    private static final SectorPattern BACKING = new SectorPattern("backing");
    private static final SectorPattern ENGINE = new SectorPattern("engine");
    private static final SectorPattern GUEST = new SectorPattern("guest");
    /** The second disk: 4 MiB, far above the 32 KiB where real UML hangs on a first write. */
    private static final int DATA_SECTORS = 8192;
    private static final int ENGINE_FIRST = 64;
    private static final int ENGINE_COUNT = 128;
    /** Guest writes: one range overlapping the end of the engine's data, one alone. */
    private static final int[][] GUEST_RANGES = {{180, 20}, {5000, 100}};
    private static final int FILE_LINES = 3000;

    @TempDir
    static Path dir;
    private Path rootImg;
    private Path rootCow;
    private Path dataImg;
    private Path dataCow;
    private UmlMachine.Boot boot;

    @BeforeAll
    void bootOnce() throws Exception {
        rootImg = UmlRootfs.copyTo(dir.resolve("rootfs.ext2"));
        rootCow = dir.resolve("root.cow");
        CowFiles.create(rootCow, rootImg, false);
        dataImg = dir.resolve("data.img");
        Files.write(dataImg, BACKING.sectors(0, DATA_SECTORS));
        dataCow = dir.resolve("data.cow");
        CowFiles.create(dataCow, dataImg, false);
        EngineIo.write(dataCow, ENGINE_FIRST, ENGINE.sectors(ENGINE_FIRST, ENGINE_COUNT));

        StringBuilder script = new StringBuilder();
        script.append("echo \"ENGINE-MD5 $(dd if=/dev/ubdb bs=512 skip=" + ENGINE_FIRST + " count=" + ENGINE_COUNT
                + " 2>/dev/null | md5sum | cut -d' ' -f1)\"\n");
        script.append("echo \"BACKING-MD5 $(dd if=/dev/ubdb bs=512 skip=0 count=" + ENGINE_FIRST
                + " 2>/dev/null | md5sum | cut -d' ' -f1)\"\n");
        for (int[] r : GUEST_RANGES) {
            script.append(GUEST.guestWrite("/dev/ubdb", r[0], r[1]));
        }
        script.append("mkdir /data\n");
        script.append("i=0; while [ $i -lt " + FILE_LINES + " ]; do echo \"guest line $i\"; i=$((i+1)); done"
                + " > /data/guest.txt\n");
        script.append("sync\n");
        // The data COW is named alone: UML follows the backing path, size and mtime jmoo recorded.
        boot = new UmlMachine(dir).disk(rootCow, rootImg).disk(dataCow).run(script.toString());
    }

    @Test
    void umlReadsSectorsThatJmooWroteIntoItsCow() {
        assertEquals(ENGINE.md5(ENGINE_FIRST, ENGINE_COUNT), boot.value("ENGINE-MD5"), "sectors jmoo wrote, as UML read them");
        assertEquals(BACKING.md5(0, ENGINE_FIRST), boot.value("BACKING-MD5"), "sectors left to the backing, as UML read them");
    }

    @Test
    void jmooReadsEverySectorAsUmlLeftIt() throws IOException {
        byte[] all = EngineIo.read(dataCow, 0, DATA_SECTORS);
        for (int s = 0; s < DATA_SECTORS; s++) {
            byte[] want = expectedDataSector(s);
            byte[] got = Arrays.copyOfRange(all, s * 512, s * 512 + 512);
            if (!Arrays.equals(want, got)) {
                throw new AssertionError("sector " + s + " of " + dataCow + " read through jmoo: expected \""
                        + new String(want, 0, 40).strip() + "\", got \"" + new String(got, 0, 40).strip() + "\"");
            }
        }
    }

    @Test
    void guestWritesLandInTheCowAndTheBackingIsUntouched() throws IOException {
        try (CowChain chain = CowChain.open(dataCow, OpenOptions.readOnly())) {
            for (int[] r : GUEST_RANGES) {
                for (int s = r[0]; s < r[0] + r[1]; s++) {
                    assertEquals(0, chain.layerFor(s), "sector " + s + " written by UML is served by the COW");
                }
            }
            assertEquals(1, chain.layerFor(DATA_SECTORS - 1), "a sector nobody wrote is served by the backing");
        }
        assertArrayEquals(BACKING.sectors(0, DATA_SECTORS), Files.readAllBytes(dataImg), "UML never writes the backing");
    }

    @Test
    void jmooReadsTheFileTheGuestWroteOnItsRootFilesystem() throws Exception {
        Path flat = dir.resolve("root-export.img");
        EngineIo.export(rootCow, flat);
        Path dumped = dir.resolve("guest.txt");
        ToolRun.run(dir, 60, List.of(Oracles.tool("debugfs").toString(), "-R", "dump /data/guest.txt " + dumped,
                flat.toString())).requireSuccess();
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < FILE_LINES; i++) {
            want.append("guest line ").append(i).append('\n');
        }
        assertEquals(want.toString(), Files.readString(dumped));
        ToolRun fsck = ToolRun.run(dir, 60, List.of(Oracles.tool("e2fsck").toString(), "-fn", flat.toString()));
        assertEquals(0, fsck.exitCode(), "e2fsck of the root filesystem read through jmoo:\n" + fsck.output());
    }

    @Test
    void jmooMergeOfTheUmlWrittenCowsEqualsUmlMoo() throws Exception {
        for (Path cow : new Path[] {rootCow, dataCow}) {
            Path moo = dir.resolve(cow.getFileName() + ".moo");
            ToolRun.run(dir, 60, List.of(Oracles.tool("uml_moo").toString(), cow.toString(), moo.toString()))
                    .requireSuccess();
            Path merged = dir.resolve(cow.getFileName() + ".jmoo");
            try (CowChain chain = CowChain.open(cow, OpenOptions.readOnly())) {
                Flatten.toRawImage(chain, merged, DataRegions.get(), Progress.NONE);
            }
            assertEquals(-1, Files.mismatch(moo, merged), "jmoo's merge of " + cow + " differs from uml_moo's");
        }
    }

    @Test
    void jmooInPlaceMergeOfTheUmlWrittenCowEqualsUmlMooDashD() throws Exception {
        Path[] backings = new Path[2];
        for (int i = 0; i < 2; i++) {
            Path copy = Files.createDirectories(dir.resolve("inplace" + i));
            backings[i] = Files.copy(rootImg, copy.resolve("rootfs.ext2"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(rootCow, copy.resolve("root.cow"), StandardCopyOption.COPY_ATTRIBUTES);
        }
        // uml_moo's parser wants -d before -b.
        ToolRun.run(dir, 60, List.of(Oracles.tool("uml_moo").toString(), "-d", "-b", backings[0].toString(),
                backings[0].resolveSibling("root.cow").toString())).requireSuccess();
        Commit.mergeInPlace(backings[1].resolveSibling("root.cow"), backings[1], true, Progress.NONE);
        assertEquals(-1, Files.mismatch(backings[0], backings[1]), "uml_moo -d and jmoo's merge in place differ");
        Path seen = dir.resolve("root-seen.img");
        EngineIo.export(rootCow, seen);
        assertEquals(-1, Files.mismatch(backings[1], seen), "the merged backing is the disk jmoo reads through the COW");
    }

    private static byte[] expectedDataSector(int s) {
        for (int[] r : GUEST_RANGES) {
            if (s >= r[0] && s < r[0] + r[1]) {
                return GUEST.sector(s);
            }
        }
        if (s >= ENGINE_FIRST && s < ENGINE_FIRST + ENGINE_COUNT) {
            return ENGINE.sector(s);
        }
        return BACKING.sector(s);
    }
}
