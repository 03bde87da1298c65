package jmoo.cpu.diff;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one 32-bit x86 instruction on the host processor (x86-64 Linux) through JNA.
 *
 * <p>A trampoline in an RWX page saves RBX/RBP, loads EFLAGS (arithmetic flags and DF only) and
 * EAX..EDI (never ESP) from a state block in the same page with RIP-relative moves, executes the
 * instruction bytes, stores registers and flags back, clears DF and returns. The instruction gets
 * a 0x67 prefix so that in 64-bit mode it addresses memory with 32-bit registers, as it does in a
 * 32-bit code segment without the prefix. Data lives in a window mapped below 4 GiB; when it could
 * be mapped at {@link #PREFERRED_DATA} the emulator uses the same linear addresses, otherwise it
 * shifts its segment bases.
 *
 * <p>Callers must only pass instructions that cannot fault natively: a fault here kills the JVM.
 */
final class NativeX86 implements AutoCloseable {
    /** Bytes of the data window that cases fill and compare. */
    static final int WINDOW = 4096;
    /** The mapping around the window, so a stray access near it cannot crash the JVM. */
    private static final int DATA_MAPPING = 64 * 1024;
    /** Half a page past a page boundary: window offset {@link #PAGE_BOUNDARY} is a page boundary. */
    private static final int WINDOW_IN_MAPPING = 32 * 1024 + 2048;
    /** The window offset where a 4 KiB page ends (on the host and, at the same offset, in the guest). */
    static final int PAGE_BOUNDARY = 2048;
    static final long PREFERRED_DATA = 0x0060_0000L;

    private static final int CODE_SIZE = 4096;
    private static final int STATE_IN = 0x800;      // 8 x u32 registers, then u64 flags
    private static final int FLAGS_IN = STATE_IN + 32;
    private static final int STATE_OUT = 0x900;
    private static final int FLAGS_OUT = STATE_OUT + 32;
    private static final int MAX_INSN = 0x700;

    private static final int PROT_RW = 3;
    private static final int PROT_RWX = 7;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_32BIT = 0x40;
    private static final int MAP_FIXED_NOREPLACE = 0x100000;

    /** The libc calls the executor needs. */
    public interface LibC extends Library {
        Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

        int munmap(Pointer address, long length);
    }

    private final LibC libc;
    private final Pointer code;
    private final Function entry;
    private final Pointer data;
    private final long windowAddress;

    private NativeX86(LibC libc, Pointer code, Pointer data) {
        this.libc = libc;
        this.code = code;
        this.entry = Function.getFunction(code);
        this.data = data;
        this.windowAddress = Pointer.nativeValue(data) + WINDOW_IN_MAPPING;
    }

    /** True on the only host this executor knows: x86-64 Linux. */
    static boolean hostSupported() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return (arch.equals("amd64") || arch.equals("x86_64")) && os.startsWith("linux");
    }

    private static NativeX86 shared;

    /**
     * The process-wide executor (its mappings live until the JVM exits), or a JUnit assumption
     * failure that skips the calling test on a host that is not x86-64 Linux.
     */
    static synchronized NativeX86 sharedOrSkip() {
        Assumptions.assumeTrue(hostSupported(), "native differential tests need an x86-64 Linux host");
        if (shared == null) {
            shared = open();
        }
        return shared;
    }

    static NativeX86 open() {
        return open(true);
    }

    /**
     * @param fixedAddressFirst try {@link #PREFERRED_DATA} first; false goes straight to the
     *                          MAP_32BIT fallback (the emulator then shifts its segment bases)
     */
    static NativeX86 open(boolean fixedAddressFirst) {
        if (!hostSupported()) {
            throw new IllegalStateException("native x86 executor needs x86-64 Linux, this is "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        LibC libc = Native.load("c", LibC.class);
        Pointer code = libc.mmap(null, CODE_SIZE, PROT_RWX, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        check(code, "mmap of the RWX code page");
        return new NativeX86(libc, code, mapData(libc, fixedAddressFirst));
    }

    private static Pointer mapData(LibC libc, boolean fixedAddressFirst) {
        if (fixedAddressFirst) {
            Pointer fixed = libc.mmap(new Pointer(PREFERRED_DATA), DATA_MAPPING, PROT_RW,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
            if (Pointer.nativeValue(fixed) == PREFERRED_DATA) {
                return fixed;
            }
            if (Pointer.nativeValue(fixed) != -1L) {
                libc.munmap(fixed, DATA_MAPPING); // an old kernel took the address as a hint only
            }
        }
        Pointer low = libc.mmap(null, DATA_MAPPING, PROT_RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
        check(low, "mmap(MAP_32BIT) of the data window");
        return low;
    }

    private static void check(Pointer p, String what) {
        if (p == null || Pointer.nativeValue(p) == -1L) {
            throw new IllegalStateException(what + " failed: " + Native.getLastError());
        }
    }

    /** Linear address of the first byte of the data window (below 4 GiB). */
    long windowAddress() {
        return windowAddress;
    }

    /** True when the window sits at a fixed low address (in {@link #PREFERRED_DATA}'s mapping). */
    boolean windowAtPreferredAddress() {
        return Pointer.nativeValue(data) == PREFERRED_DATA;
    }

    /**
     * Executes {@code instruction} (32-bit encoding, no 0x67 added yet) on {@code in} and returns
     * the registers, flags and window afterwards. ESP of the result is copied from the input.
     */
    MachineState execute(byte[] instruction, MachineState in) {
        byte[] trampoline = trampoline(instruction);
        code.write(0, trampoline, 0, trampoline.length);
        for (int i = 0; i < 8; i++) {
            code.setInt(STATE_IN + 4L * i, in.regs[i]);
        }
        code.setLong(FLAGS_IN, in.eflags & Flags.TESTED | 2);
        data.write(WINDOW_IN_MAPPING, in.window, 0, WINDOW);
        entry.invokeVoid(new Object[0]);
        MachineState out = new MachineState();
        for (int i = 0; i < 8; i++) {
            out.regs[i] = i == 4 ? in.regs[4] : code.getInt(STATE_OUT + 4L * i);
        }
        out.eflags = (int) code.getLong(FLAGS_OUT);
        data.read(WINDOW_IN_MAPPING, out.window, 0, WINDOW);
        return out;
    }

    private static byte[] trampoline(byte[] instruction) {
        if (instruction.length + 1 > MAX_INSN - 64) {
            throw new IllegalArgumentException("instruction too long: " + instruction.length);
        }
        Asm a = new Asm();
        a.bytes(0x53, 0x55);                        // push rbx; push rbp
        a.ripRelative(new int[] {0xFF, 0x35}, FLAGS_IN); // push qword [rip+flags_in]
        a.bytes(0x9D);                              // popfq
        for (int r = 0; r < 8; r++) {
            if (r != 4) {
                a.ripRelative(new int[] {0x8B, 0x05 | r << 3}, STATE_IN + 4 * r); // mov r32, [rip+..]
            }
        }
        a.bytes(0x67);
        for (byte b : instruction) {
            a.bytes(b & 0xFF);
        }
        for (int r = 0; r < 8; r++) {
            if (r != 4) {
                a.ripRelative(new int[] {0x89, 0x05 | r << 3}, STATE_OUT + 4 * r); // mov [rip+..], r32
            }
        }
        a.bytes(0x9C);                              // pushfq
        a.ripRelative(new int[] {0x8F, 0x05}, FLAGS_OUT); // pop qword [rip+flags_out]
        a.bytes(0xFC, 0x5D, 0x5B, 0xC3);            // cld; pop rbp; pop rbx; ret
        return a.out.toByteArray();
    }

    /** Minimal assembler for the trampoline: raw bytes and RIP-relative operands. */
    private static final class Asm {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void bytes(int... bs) {
            for (int b : bs) {
                out.write(b);
            }
        }

        void ripRelative(int[] opcodeAndModrm, int target) {
            bytes(opcodeAndModrm);
            int disp = target - (out.size() + 4);
            bytes(disp & 0xFF, disp >>> 8 & 0xFF, disp >>> 16 & 0xFF, disp >>> 24 & 0xFF);
        }
    }

    @Override
    public void close() {
        libc.munmap(code, CODE_SIZE);
        libc.munmap(data, DATA_MAPPING);
    }
}
