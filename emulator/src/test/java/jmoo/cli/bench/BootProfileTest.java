package jmoo.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jmoo.disks.ShippedImages;
import jmoo.profile.GuestProfiler;
import jmoo.profile.ProfilePhase;
import jmoo.profile.SampleNamer;
import jmoo.replay.SystemMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** `bench boot --profile`'s profiled boot of the shipped kernel and initramfs to the banner. */
@Timeout(300)
class BootProfileTest {
    @Test
    void bootProfileNamesRealKernelFunctionsAndCoversEveryInstruction() throws Exception {
        ShippedImages images = ShippedImages.inCheckout();
        Path kernel = images.dir().resolve("bzImage-lz4");
        Path initrd = images.dir().resolve("initramfs.cpio.gz");
        assumeTrue(Files.isRegularFile(kernel) && Files.isRegularFile(initrd), "shipped images missing");
        SystemMap map = SystemMap.read(images.systemMap());
        GuestProfiler profiler = new GuestProfiler(map, 2000);
        BootBench.bootToBanner(kernel, initrd, profiler);

        assertEquals(1, profiler.phases().size());
        ProfilePhase boot = profiler.phases().get(0);
        assertEquals(BootBench.PROFILE_PHASE, boot.name());
        double perSample = (double) boot.instructions() / boot.samples();
        assertTrue(perSample > 1900 && perSample < 2100, perSample + " instructions per sample");
        Map<String, Long> self = boot.selfSamples();
        assertEquals(boot.samples(), self.values().stream().mapToLong(Long::longValue).sum());
        for (String place : self.keySet()) {
            if (place.startsWith("[")) {
                continue;
            }
            String name = place.replace(" (paging off)", "");
            SystemMap.Location at = map.lookup(map.addressOf(name, -1));
            assertNotNull(at, place);
            assertTrue(at.symbol().isText(), place + " is not a kernel text symbol");
        }
        // the bzImage decompresses itself, the kernel starts, init prints the banner
        assertTrue(self.containsKey(SampleNamer.PAGING_OFF), self.toString());
        assertTrue(self.containsKey(SampleNamer.USER), self.toString());
        Map<String, Long> inclusive = boot.inclusiveSamples();
        for (String f : List.of("start_kernel", "kernel_init", "do_one_initcall")) {
            assertTrue(inclusive.getOrDefault(f, 0L) > 0, f + " never on the stack");
        }
        assertTrue(self.values().stream().allMatch(n -> n <= boot.samples()));
    }
}
