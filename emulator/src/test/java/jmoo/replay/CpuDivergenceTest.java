package jmoo.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jmoo.cpu.Cpu;
import jmoo.devices.Device;
import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.IoPortHandler;
import jmoo.devices.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** State hashes and divergence bisection over the real CPU, with an input port as the perturbation. */
class CpuDivergenceTest {
    /** mov ecx,0; loop: in al,0x60; add [0x3000],eax; inc ecx; jmp loop. */
    private static final int[] CODE = {0xB9, 0, 0, 0, 0, 0xE4, 0x60, 0x01, 0x05, 0x00, 0x30, 0, 0, 0x41, 0xEB, 0xF5};

    /** A machine whose port 0x60 returns 3*n on the n-th read, except read {@code perturbedRead}. */
    static final class PortMachine implements MachineStateView, HashingRun, IoPortHandler, Device {
        private final PhysicalMemory memory = new PhysicalMemory(64 << 10);
        private final Cpu cpu;
        private final int perturbedRead;
        private int reads;

        PortMachine(int perturbedRead) {
            this.perturbedRead = perturbedRead;
            IoBus io = new IoBus();
            io.register(0x60, 1, this);
            cpu = new Cpu(memory, io, new InterruptSource() {
                @Override
                public boolean hasInterrupt() {
                    return false;
                }

                @Override
                public int acknowledgeInterrupt() {
                    throw new IllegalStateException();
                }
            });
            for (int i = 0; i < CODE.length; i++) {
                memory.write8(0x1000 + i, CODE[i]);
            }
            cpu.resetToFlatProtectedMode();
            cpu.setEip(0x1000);
        }

        @Override
        public int in(int port, int size) {
            reads++;
            return (reads * 3 + (reads == perturbedRead ? 1 : 0)) & 0xFF;
        }

        @Override
        public void out(int port, int size, int value) {
        }

        @Override
        public String name() {
            return "port60";
        }

        @Override
        public void reset() {
            reads = 0;
        }

        @Override
        public void saveState(DataOutput out) throws IOException {
            out.writeInt(reads);
        }

        @Override
        public void restoreState(DataInput in) throws IOException {
            reads = in.readInt();
        }

        @Override
        public void writeCpuState(DataOutput out) throws IOException {
            CpuRegisters.write(cpu, out);
        }

        @Override
        public PhysicalMemory memory() {
            return memory;
        }

        @Override
        public List<Device> devices() {
            return List.of(this);
        }

        @Override
        public StateHash runToAndHash(long instructionCount) {
            cpu.run(instructionCount - cpu.instructionCount());
            assertEquals(instructionCount, cpu.instructionCount());
            return StateHash.of(this);
        }

        @Override
        public void close() {
        }
    }

    private static List<Checkpoint> checkpoints(int perturbedRead) {
        PortMachine m = new PortMachine(perturbedRead);
        List<Checkpoint> out = new ArrayList<>();
        for (long n = 10; n <= 50; n += 10) {
            out.add(new Checkpoint(n, m.runToAndHash(n)));
        }
        return out;
    }

    @Test
    void twoRunsOfTheSameProgramHashAlikeAtEveryCheckpoint() {
        assertEquals(checkpoints(-1), checkpoints(-1));
        assertEquals(-1, DivergenceFinder.firstDifferingCheckpoint(checkpoints(-1), checkpoints(-1)));
    }

    @Test
    void aDifferentInputIsFoundAtTheInstructionThatReadIt() throws Exception {
        List<Checkpoint> expected = checkpoints(-1);
        List<Checkpoint> actual = checkpoints(5);
        int i = DivergenceFinder.firstDifferingCheckpoint(expected, actual);
        assertEquals(1, i, "the fifth read is instruction 4*5-2 = 18, inside (10, 20]");
        Divergence d = DivergenceFinder.bisect(() -> new PortMachine(-1), () -> new PortMachine(5), 10, 20);
        assertEquals(17, d.lastEqual());
        assertEquals(18, d.firstDiffering());
        assertEquals(List.of("cpu"), d.differingParts(), "only EAX differs right after the IN");
    }

    @Test
    void theRegisterSnapshotNamesEveryVisibleRegister() {
        PortMachine m = new PortMachine(-1);
        m.runToAndHash(2);
        RegisterSnapshot s = CpuRegisters.snapshot(m.cpu);
        assertEquals(3, s.get("eax"));
        assertEquals(0x1007, s.get("eip"));
        assertEquals(0x10, s.get("cs"));
        assertEquals(-1, s.get("cs.limit"));
        assertTrue(s.toText().startsWith("eax 0x00000003\necx 0x00000000\n"), s.toText());
    }
}
