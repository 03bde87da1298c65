package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jmoo.boot.LinuxLoader;
import jmoo.boot.LoadedKernel;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * The CPU runs the shipped kernel (images/bzImage-lz4: its LZ4 decompressor, then Linux) with
 * the shipped initramfs to busybox's shell prompt, with only a stub UART and a timer tick
 * (vector 0x30, IRQ 0 as Linux programs the PIC) every million instructions around it.
 */
class LinuxBootTest {
    private static final int TIMER_VECTOR = 0x30, UART_VECTOR = 0x34;
    private static final long TICK = 1_000_000, LIMIT = 400_000_000;

    @Test
    void bootsToTheShellPrompt() throws Exception {
        Path root = Path.of(System.getProperty("jmoo.root", "..")).toAbsolutePath();
        Path kernel = root.resolve("images/bzImage-lz4");
        Path initrd = root.resolve("images/initramfs.cpio.gz");
        assumeTrue(Files.isRegularFile(kernel) && Files.isRegularFile(initrd), "no built guest images in " + root);

        PhysicalMemory memory = new PhysicalMemory(64 << 20);
        IoBus io = new IoBus();
        LoopbackUart uart = new LoopbackUart();
        io.register(LoopbackUart.BASE, 8, uart);
        boolean[] tick = {false};
        Cpu cpu = new Cpu(memory, io, new InterruptSource() {
            @Override
            public boolean hasInterrupt() {
                return tick[0] || uart.interruptPending();
            }

            @Override
            public int acknowledgeInterrupt() {
                if (tick[0]) {
                    tick[0] = false;
                    return TIMER_VECTOR;
                }
                return UART_VECTOR;
            }
        });
        LoadedKernel k = LinuxLoader.load(memory, kernel, initrd, "console=ttyS0 lpj=1000000 panic=-1");
        cpu.resetToFlatProtectedMode();
        cpu.setReg(Cpu.ESI, k.zeroPage());
        cpu.setEip(k.entry());

        long nextTick = TICK;
        while (cpu.instructionCount() < LIMIT && !uart.output().contains("jmoo:~# ")) {
            StopReason r = cpu.run(nextTick - cpu.instructionCount());
            assertTrue(r == StopReason.INSTRUCTION_LIMIT || r == StopReason.HALTED, () -> r + "\n" + uart.output());
            if (r == StopReason.HALTED || cpu.instructionCount() >= nextTick) {
                tick[0] = true; // an idle CPU skips ahead to the next tick
                nextTick = cpu.instructionCount() + TICK;
            }
        }
        String console = uart.output();
        assertTrue(console.contains("Run /init as init process"), console);
        assertTrue(console.contains("jmoo:~# "), console);
        assertFalse(console.contains("Kernel panic"), console);
    }
}
