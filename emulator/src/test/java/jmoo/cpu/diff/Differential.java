package jmoo.cpu.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jmoo.cpu.StopReason;

/**
 * Runs cases on the host and on the emulator and describes every disagreement: registers, the
 * flags the manual defines for the case, the data window, where execution ended, and (for
 * operands that raise #DE on hardware) the exception the emulator must deliver instead.
 */
final class Differential {
    private static final int MAX_REPORTED = 5;
    private static final boolean LAHF = FormTable.hostHasLahfInLongMode();

    private final NativeX86 host;
    private final EmulatorX86 emulator;
    private final CaseGenerator generator;
    private final SequenceGenerator sequences;

    Differential(NativeX86 host, boolean paging) {
        this.host = host;
        this.emulator = new EmulatorX86(host.windowAddress(), paging);
        this.generator = new CaseGenerator(host.windowAddress());
        this.sequences = new SequenceGenerator(generator);
    }

    /** The outcome of running many cases, with the coverage they reached. */
    static final class FormRun {
        private static final int ENOUGH_FAILURES = 50; // enough evidence; keeps a broken form fast

        /** Empty when every case agreed, else a report of the first divergences. */
        String divergences = "";
        int memoryCases;
        int registerCases;
        int divideErrorCases;
        int cases;
        private int failed;
        private final List<String> reports = new ArrayList<>();

        boolean enoughFailures() {
            return failed >= ENOUGH_FAILURES;
        }

        void record(String label, DiffCase c, String problem) {
            cases++;
            if (problem != null) {
                failed++;
                if (reports.size() < MAX_REPORTED) {
                    reports.add(label + ": " + c.describeInputs() + "\n" + problem);
                }
            }
        }

        FormRun finish(String title) {
            if (failed > 0) {
                divergences = title + ": " + failed + " divergent case(s)"
                        + (enoughFailures() ? " (stopped counting)" : "") + " in " + cases + " (" + divideErrorCases + " #DE cases)\n" + String.join("\n", reports);
            }
            return this;
        }
    }

    /** Runs {@code cases} cases of {@code form} and reports divergences and coverage. */
    FormRun runForm(Form form, int cases) {
        return run(form, cases, false);
    }

    /**
     * Runs cases of {@code form} each followed by a random {@link FlagConsumer}, executed by the
     * emulator in one run() call, so flags are read lazily inside a block.
     */
    FormRun runPairs(Form form, int cases) {
        return run(form, cases, true);
    }

    /** Runs {@code count} random register-only sequences, numbered from {@code first}. */
    FormRun runSequences(int first, int count) {
        FormRun run = new FormRun();
        for (int i = first; i < first + count && !run.enoughFailures(); i++) {
            DiffCase c = sequences.sequence(DiffSeeds.BASE * 31 + i);
            run.record("sequence " + i, c, check(c));
        }
        return run.finish("sequences " + first + ".." + (first + count - 1));
    }

    private FormRun run(Form form, int cases, boolean pairs) {
        FormRun run = new FormRun();
        for (int i = 0; i < cases && !run.enoughFailures(); i++) {
            DiffCase c = generator.generate(form, DiffSeeds.caseSeed(form, i));
            if (pairs) {
                if (form.fault.divideError(c) || form.undefinedRegs.mask(c) != 0) {
                    continue;
                }
                FlagConsumer consumer = FlagConsumer.pick(new Random(c.seed ^ 0x5EED), form.flags.defined(c), LAHF);
                if (consumer == null) {
                    continue;
                }
                c = c.followedBy(consumer);
            }
            run.divideErrorCases += form.fault.divideError(c) ? 1 : 0;
            run.memoryCases += c.memOffset >= 0 ? 1 : 0;
            run.registerCases += c.rmReg >= 0 ? 1 : 0;
            run.record("case " + i, c, check(c));
        }
        return run.finish(form.name);
    }

    /** Null when the emulator agrees with the host (or with #DE for faulting operands), else why not. */
    String check(DiffCase c) {
        if (c.form.fault.divideError(c)) {
            return checkDivideError(c);
        }
        MachineState expected = host.execute(c.hostBytes, c.in);
        EmulatorX86.Outcome actual = emulator.run(c);
        String stopped = checkCompleted(c, actual);
        if (stopped != null) {
            return stopped;
        }
        StringBuilder sb = new StringBuilder();
        int undefined = c.form.undefinedRegs.mask(c);
        for (int r = 0; r < 8; r++) {
            if (r != 4 && (undefined & 1 << r) == 0 && expected.regs[r] != actual.state.regs[r]) {
                sb.append(String.format("  %s: host %08x, emulator %08x%n", Registers.NAMES32[r], expected.regs[r],
                        actual.state.regs[r]));
            }
        }
        int defined = c.comparedFlags() | Flags.DF;
        int differ = (expected.eflags ^ actual.state.eflags) & defined;
        if (differ != 0) {
            sb.append(String.format("  flags: host [%s], emulator [%s], differ in [%s] (compared: %s)%n",
                    Flags.names(expected.eflags), Flags.names(actual.state.eflags), Flags.names(differ),
                    Flags.names(defined)));
        }
        sb.append(windowDifferences(expected.window, actual.state.window));
        return sb.length() == 0 ? null : sb.toString();
    }

    private String checkCompleted(DiffCase c, EmulatorX86.Outcome actual) {
        int end = actual.end;
        if (actual.vector >= 0) {
            return String.format("  emulator raised exception %d (error code %x); the host completed it%n",
                    actual.vector, actual.errorCode);
        }
        if (actual.stop != StopReason.INSTRUCTION_LIMIT || actual.eip != end) {
            return String.format("  emulator stopped (%s) at EIP %08x after %d steps; the end is %08x%n",
                    actual.stop, actual.eip, actual.steps, end);
        }
        if (actual.esp != emulator.initialEsp()) {
            return String.format("  emulator changed ESP to %08x%n", actual.esp);
        }
        return null;
    }

    private String checkDivideError(DiffCase c) {
        EmulatorX86.Outcome actual = emulator.run(c);
        if (actual.vector != 0) {
            return String.format("  the operands raise #DE on hardware; the emulator %s%n", actual.vector >= 0
                    ? "raised exception " + actual.vector
                    : "completed the instruction (stop " + actual.stop + ", EIP "
                            + Integer.toHexString(actual.eip) + ")");
        }
        StringBuilder sb = new StringBuilder();
        int pushedEip = emulator.stackDword(emulator.initialEsp() - 12);
        if (pushedEip != actual.code) {
            sb.append(String.format("  #DE pushed EIP %08x; a fault must point at the instruction %08x%n", pushedEip,
                    actual.code));
        }
        for (int r = 0; r < 8; r++) {
            if (r != 4 && c.in.regs[r] != actual.state.regs[r]) {
                sb.append(String.format("  %s changed by a faulting divide: %08x -> %08x%n", Registers.NAMES32[r],
                        c.in.regs[r], actual.state.regs[r]));
            }
        }
        sb.append(windowDifferences(c.in.window, actual.state.window));
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String windowDifferences(byte[] expected, byte[] actual) {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                if (count < 8) {
                    sb.append(String.format("  memory window+0x%x: host %02x, emulator %02x%n", i, expected[i] & 0xFF,
                            actual[i] & 0xFF));
                }
                count++;
            }
        }
        if (count > 8) {
            sb.append("  ... ").append(count).append(" window bytes differ in all\n");
        }
        return sb.toString();
    }
}
