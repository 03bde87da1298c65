package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads, first writes, overwrites and flushes through a chain allocate nothing once warm, for
 * heap and direct buffers alike (measured with the JVM's per-thread allocation counter).
 */
class HotPathAllocationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void noAllocationPerRequest(boolean direct) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        Path base = TestFiles.raw(dir.resolve("base"), 8L << 20, 1);
        Path mid = dir.resolve("mid.cow");
        Path top = dir.resolve("top.cow");
        CowFiles.create(mid, base, false);
        CowFiles.create(top, mid, false);
        try (CowChain d = CowChain.open(top, OpenOptions.writable())) {
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(4096) : ByteBuffer.allocate(4096);
            run(d, buf, 0, 2000); // warm up: JIT, the JDK's temporary direct buffers
            long tid = Thread.currentThread().getId();
            // on a loaded machine the JIT may still be compiling the loop during a batch, and
            // interpreted code allocates what compiled code does not: steady state is a batch of
            // 2000 with nothing allocated, and a real per-request allocation shows in every batch
            long allocated = Long.MAX_VALUE;
            for (int batch = 1; batch <= 10 && allocated != 0; batch++) {
                long before = threads.getThreadAllocatedBytes(tid);
                run(d, buf, 2000 * batch, 2000);
                allocated = threads.getThreadAllocatedBytes(tid) - before;
            }
            assertEquals(0, allocated, "bytes allocated by 2000 reads + 2000 writes + flushes, in the best of 10 batches");
        }
    }

    /** Hot loop: reads that hit and miss, first writes (new bits) and overwrites. */
    private static void run(CowChain d, ByteBuffer buf, int from, int count) throws Exception {
        long blocks = d.sectors() / 8;
        for (int i = from; i < from + count; i++) {
            long s = (i * 7919L % blocks) * 8;
            buf.clear();
            d.read(s, buf);
            buf.clear();
            d.write(s, buf);
            if (i % 500 == 0) {
                d.flush();
            }
        }
    }
}
