package jmoo.cpu.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Compares QEMU's single-step trace of a system-test program with jmoo's, up to the first
 * divergence, and prints it with the instruction there (objdump). For debugging: the tests
 * compare program output; this finds the instruction where two CPUs part.
 *
 * <p>Run from emulator/ after {@code mvn test-compile}:
 * {@code java -cp target/test-classes:target/classes:../devices/target/classes:<junit jars>
 * jmoo.cpu.system.TraceCompareTool PROGRAM...} (program names as in the programs folder).
 */
public final class TraceCompareTool {
    /** Arithmetic flags, DF, IF, IOPL: bits a trace can compare; AF and OF are left out since
     * several instructions leave them undefined (shifts and rotates by more than one, MUL, DIV). */
    static final int DEFAULT_FLAGS_MASK = 0x0001 | 0x0004 | 0x0040 | 0x0080 | 0x0200 | 0x0400 | 0x3000;

    private TraceCompareTool() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("jmoo-trace");
        int diverged = 0;
        for (String name : args) {
            Optional<TraceComparator.Divergence> d = compare(name, work, DEFAULT_FLAGS_MASK);
            System.out.println(name + ": " + d.map(x -> x + "\n" + where(work, name, x)).orElse("same trace"));
            diverged += d.isPresent() ? 1 : 0;
        }
        System.exit(diverged == 0 ? 0 : 1);
    }

    static Optional<TraceComparator.Divergence> compare(String program, Path work, int flagsMask) throws Exception {
        GuestProgram p = GuestProgramBuilder.build(program, work);
        Path trace = QemuOracle.trace(p);
        try (QemuTrace reference = new QemuTrace(trace)) {
            if (!reference.hasNext()) {
                throw new IllegalStateException(trace + ": offset 0: expected at least one CPU state");
            }
            JmooStepper jmoo = new JmooStepper(JmooGuestRunner.load(p).cpu());
            jmoo.adopt(reference.peek());
            return new TraceComparator(flagsMask, new UndefinedResults(p)).compare(reference, jmoo);
        }
    }

    /** The instructions at the last agreed EIP and at the reference's EIP, disassembled. */
    static String where(Path work, String program, TraceComparator.Divergence d) {
        Path elf = work.resolve(program).resolve(program + ".elf");
        StringBuilder s = new StringBuilder();
        if (d.lastAgreed() != null) {
            s.append("  last agreed instruction: ").append(disassemble(elf, d.lastAgreed().eip())).append('\n');
        }
        s.append("  reference instruction:   ").append(disassemble(elf, d.reference().eip()));
        return s.toString();
    }

    private static String disassemble(Path elf, int eip) {
        try {
            long a = eip & 0xFFFFFFFFL;
            OracleTools.Result r = OracleTools.run(java.util.List.of("objdump", "-d", "--start-address=" + a,
                    "--stop-address=" + (a + 16), elf.toString()), elf.getParent(), 30);
            for (String line : r.stdout().split("\n")) {
                if (line.trim().startsWith(Long.toHexString(a) + ":")) {
                    return line.trim();
                }
            }
            return String.format("%08x (not in the program's code)", eip);
        } catch (Exception e) {
            return String.format("%08x (objdump failed: %s)", eip, e.getMessage());
        }
    }
}
