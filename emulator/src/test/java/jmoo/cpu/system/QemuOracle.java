package jmoo.cpu.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a guest program under qemu-system-i386 as a multiboot kernel on the CPU the design
 * fixes (a 486 with CMOV, no FPU/PSE/VME), the debug console on port 0xE9 into a file and
 * isa-debug-exit on port 0xF4.
 */
final class QemuOracle {
    static final String QEMU = "qemu-system-i386";
    static final String CPU_MODEL = "486,-fpu,-pse,-vme,-hypervisor,+cmov";
    private static final long TIMEOUT_SECONDS = 30;

    private QemuOracle() {
    }

    /** The command line that boots {@code elf}, with extra arguments (e.g. trace options). */
    static List<String> command(Path elf, Path console, List<String> extra) {
        List<String> cmd = new java.util.ArrayList<>(List.of(QEMU, "-cpu", CPU_MODEL, "-m", "32",
                "-nographic", "-no-reboot", "-monitor", "none", "-serial", "none",
                "-debugcon", "file:" + console, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-kernel", elf.toString()));
        cmd.addAll(extra);
        return cmd;
    }

    static GuestRun run(GuestProgram program) throws IOException, InterruptedException {
        OracleTools.require(QEMU);
        Path dir = program.elf().getParent();
        Path console = dir.resolve("qemu-console.txt");
        OracleTools.Result r = OracleTools.run(command(program.elf(), console, List.of()), dir, TIMEOUT_SECONDS);
        String output = Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
        return new GuestRun(output, ending(r), r.stderr());
    }

    /**
     * Runs the program once more with QEMU logging the CPU state before every instruction
     * executed inside the program's megabyte (the BIOS and the multiboot loader stay out).
     */
    static Path trace(GuestProgram program) throws IOException, InterruptedException {
        OracleTools.require(QEMU);
        Path dir = program.elf().getParent();
        Path trace = dir.resolve("qemu-trace.txt");
        long first = program.loadAddress() & 0xFFFFFFFFL;
        String range = String.format("0x%x..0x%x", first, first + 0xFFFFF);
        OracleTools.Result r = OracleTools.run(command(program.elf(), dir.resolve("qemu-trace-console.txt"),
                List.of("-singlestep", "-d", "cpu,nochain", "-dfilter", range, "-D", trace.toString())),
                dir, TIMEOUT_SECONDS * 4);
        if (r.timedOut() || !Files.exists(trace)) {
            throw new IllegalStateException("QEMU made no trace of " + program.elf() + ": " + ending(r));
        }
        return trace;
    }

    /** isa-debug-exit makes QEMU exit with (code << 1) | 1; -no-reboot turns a reset into exit 0. */
    private static String ending(OracleTools.Result r) {
        if (r.timedOut()) {
            return "timeout";
        }
        int status = r.exitStatus();
        if (status == 0) {
            return "reset (triple fault)";
        }
        if ((status & 1) == 1 && status > 1) {
            return GuestRun.exitEnding(status >> 1);
        }
        return "qemu failed with status " + status + ": " + r.stderr().strip();
    }
}
