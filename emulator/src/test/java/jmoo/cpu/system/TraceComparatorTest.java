package jmoo.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace reader and comparator on hand-made QEMU logs and a scripted CPU. */
class TraceComparatorTest {
    @TempDir
    Path dir;

    /** A CPU that walks through a fixed list of states. */
    private static final class Scripted implements TraceComparator.Stepper {
        private final List<CpuSnapshot> states;
        private int at;
        private CpuSnapshot adopted;

        Scripted(List<CpuSnapshot> states) {
            this.states = states;
        }

        @Override
        public CpuSnapshot current() {
            return adopted != null ? adopted : states.get(Math.min(at, states.size() - 1));
        }

        @Override
        public void step() {
            adopted = null;
            at++;
        }

        @Override
        public void adopt(CpuSnapshot reference) {
            adopted = reference;
        }
    }

    private static CpuSnapshot state(int eip, int ecx, int ebx) {
        return new CpuSnapshot(eip, new int[] {0, ecx, 0, ebx, 0x9000, 0, 0, 0}, 0x46);
    }

    private Path log(CpuSnapshot... states) throws Exception {
        StringBuilder s = new StringBuilder();
        for (CpuSnapshot st : states) {
            int[] r = st.regs();
            s.append("Trace 0: 0x7f00 [00000000/").append(String.format("%08x", st.eip())).append("/000000b0/ff000201]\n");
            s.append(String.format("EAX=%08x EBX=%08x ECX=%08x EDX=%08x%n", r[0], r[3], r[1], r[2]));
            s.append(String.format("ESI=%08x EDI=%08x EBP=%08x ESP=%08x%n", r[6], r[7], r[5], r[4]));
            s.append(String.format("EIP=%08x EFL=%08x [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=0%n", st.eip(), st.eflags()));
            s.append("CR0=00000011 CR2=00000000 CR3=00000000 CR4=00000000\n");
        }
        Path f = dir.resolve("trace.txt");
        Files.writeString(f, s.toString());
        return f;
    }

    private Optional<TraceComparator.Divergence> compare(Path log, List<CpuSnapshot> tested,
            TraceComparator.Tolerance tolerance) throws Exception {
        try (QemuTrace t = new QemuTrace(log)) {
            return new TraceComparator(0x8D5, tolerance).compare(t, new Scripted(tested));
        }
    }

    @Test
    void readsEveryStateOfTheLog() throws Exception {
        List<CpuSnapshot> read = new ArrayList<>();
        try (QemuTrace t = new QemuTrace(log(state(0x100, 3, 7), state(0x102, 2, 7)))) {
            t.forEachRemaining(read::add);
        }
        assertEquals(2, read.size());
        assertEquals(0x102, read.get(1).eip());
        assertEquals(2, read.get(1).regs()[1]);
        assertEquals(7, read.get(1).regs()[3]);
        assertEquals(0x9000, read.get(1).regs()[4]);
    }

    @Test
    void aRepInstructionDoneInOneStepMatchesQemusIterations() throws Exception {
        Path log = log(state(0x100, 3, 0), state(0x100, 2, 0), state(0x100, 1, 0), state(0x102, 0, 0));
        List<CpuSnapshot> tested = List.of(state(0x100, 3, 0), state(0x102, 0, 0));
        assertEquals(Optional.empty(), compare(log, tested, eip -> null));
    }

    @Test
    void anInterruptDeliveredWithTheHandlersFirstInstructionMatches() throws Exception {
        Path log = log(state(0x100, 1, 0), state(0x102, 1, 0), state(0x200, 1, 0), state(0x201, 1, 9),
                state(0x203, 1, 9));
        List<CpuSnapshot> tested = List.of(state(0x100, 1, 0), state(0x102, 1, 0), state(0x201, 1, 9),
                state(0x203, 1, 9));
        assertEquals(Optional.empty(), compare(log, tested, eip -> null));
    }

    @Test
    void reportsTheFirstRegisterThatDiffers() throws Exception {
        Path log = log(state(0x100, 1, 0), state(0x103, 1, 5), state(0x105, 1, 5));
        List<CpuSnapshot> tested = List.of(state(0x100, 1, 0), state(0x103, 1, 6), state(0x105, 1, 6));
        TraceComparator.Divergence d = compare(log, tested, eip -> null).orElseThrow();
        assertEquals(2, d.step());
        assertEquals("ebx", d.what());
        assertEquals(0x100, d.lastAgreed().eip());
    }

    @Test
    void reportsAnEipTheTestedCpuNeverReaches() throws Exception {
        Path log = log(state(0x100, 1, 0), state(0x200, 1, 0));
        List<CpuSnapshot> tested = List.of(state(0x100, 1, 0), state(0x300, 1, 0), state(0x304, 1, 0));
        TraceComparator.Divergence d = compare(log, tested, eip -> null).orElseThrow();
        assertEquals("eip", d.what());
        assertTrue(d.toString().contains("eip=00000200"), d.toString());
    }

    @Test
    void toleratedBitsAfterAnInstructionAreTakenFromTheReference() throws Exception {
        Path log = log(state(0x100, 1, 0), state(0x102, 1, 0x756e6547), state(0x104, 1, 0x756e6547));
        List<CpuSnapshot> tested = List.of(state(0x100, 1, 0), state(0x102, 1, 0x4a4d4f4f), state(0x104, 1, 0x756e6547));
        int[] ebxMayDiffer = {0, 0, 0, -1, 0, 0, 0, 0};
        assertEquals(Optional.empty(), compare(log, tested, eip -> eip == 0x100 ? ebxMayDiffer : null));
        assertTrue(compare(log, tested, eip -> null).isPresent());
    }
}
