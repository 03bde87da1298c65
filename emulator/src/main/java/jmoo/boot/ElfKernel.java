package jmoo.boot;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jmoo.devices.PhysicalMemory;

/**
 * An uncompressed i386 vmlinux (ELF32, little-endian, EM_386): every PT_LOAD segment is copied
 * to its physical address p_paddr and its bss zeroed; the entry is e_entry, translated to a
 * physical address when it falls inside a segment's virtual range. No decompression runs.
 */
final class ElfKernel implements KernelImage {
    private static final int EM_386 = 3;
    private static final int PT_LOAD = 1;
    private static final int EHDR_SIZE = 52;
    private static final int PHDR_SIZE = 32;

    /** One PT_LOAD program header. */
    private record Segment(long fileOffset, long vaddr, long paddr, long fileSize, long memSize) {
    }

    private final byte[] bytes;
    private final List<Segment> segments;
    private final int entry;

    private ElfKernel(byte[] bytes, List<Segment> segments, int entry) {
        this.bytes = bytes;
        this.segments = segments;
        this.entry = entry;
    }

    static boolean looksLikeElf(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    static ElfKernel parse(Path file, byte[] bytes) throws UnrecognizedKernelException {
        if (bytes.length < EHDR_SIZE) {
            throw new UnrecognizedKernelException(file + ": truncated ELF header: " + bytes.length + " bytes, expected at least 52");
        }
        if (bytes[4] != 1 || bytes[5] != 1) {
            throw new UnrecognizedKernelException(String.format(
                    "%s: ELF class %d / data %d at offsets 4/5: expected a 32-bit little-endian (i386) kernel",
                    file, bytes[4], bytes[5]));
        }
        ByteBuffer b = KernelImage.littleEndian(bytes);
        int machine = b.getShort(0x12) & 0xFFFF;
        if (machine != EM_386) {
            throw new UnrecognizedKernelException(String.format(
                    "%s: ELF machine %d at offset 0x12: expected 3 (EM_386)", file, machine));
        }
        long phoff = b.getInt(0x1C) & 0xFFFFFFFFL;
        int phentsize = b.getShort(0x2A) & 0xFFFF;
        int phnum = b.getShort(0x2C) & 0xFFFF;
        if (phentsize < PHDR_SIZE || phoff + (long) phnum * phentsize > bytes.length) {
            throw new UnrecognizedKernelException(String.format(
                    "%s: program headers (offset 0x%x, %d x %d bytes) lie outside the %d-byte file",
                    file, phoff, phnum, phentsize, bytes.length));
        }
        List<Segment> segments = readLoadSegments(file, b, (int) phoff, phentsize, phnum);
        if (segments.isEmpty()) {
            throw new UnrecognizedKernelException(file + ": ELF file has no PT_LOAD segment");
        }
        long eEntry = b.getInt(0x18) & 0xFFFFFFFFL;
        return new ElfKernel(bytes, segments, (int) physicalEntry(eEntry, segments));
    }

    private static List<Segment> readLoadSegments(Path file, ByteBuffer b, int phoff, int phentsize, int phnum)
            throws UnrecognizedKernelException {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = phoff + i * phentsize;
            if (b.getInt(p) != PT_LOAD) {
                continue;
            }
            Segment s = new Segment(b.getInt(p + 4) & 0xFFFFFFFFL, b.getInt(p + 8) & 0xFFFFFFFFL,
                    b.getInt(p + 12) & 0xFFFFFFFFL, b.getInt(p + 16) & 0xFFFFFFFFL, b.getInt(p + 20) & 0xFFFFFFFFL);
            if (s.fileOffset + s.fileSize > b.capacity() || s.fileSize > s.memSize) {
                throw new UnrecognizedKernelException(String.format(
                        "%s: program header %d (at offset 0x%x): segment data 0x%x+0x%x lies outside the file"
                                + " or exceeds its memory size 0x%x", file, i, p, s.fileOffset, s.fileSize, s.memSize));
            }
            segments.add(s);
        }
        return segments;
    }

    /** e_entry as a physical address: Linux's vmlinux already uses one, others may give a virtual one. */
    private static long physicalEntry(long eEntry, List<Segment> segments) {
        for (Segment s : segments) {
            if (eEntry >= s.paddr && eEntry < s.paddr + s.memSize) {
                return eEntry;
            }
        }
        for (Segment s : segments) {
            if (eEntry >= s.vaddr && eEntry < s.vaddr + s.memSize) {
                return eEntry - s.vaddr + s.paddr;
            }
        }
        return eEntry;
    }

    @Override
    public String format() {
        return "ELF";
    }

    @Override
    public int entry() {
        return entry;
    }

    @Override
    public long end() {
        long end = 0;
        for (Segment s : segments) {
            end = Math.max(end, s.paddr + s.memSize);
        }
        return end;
    }

    @Override
    public long start() {
        long start = Long.MAX_VALUE;
        for (Segment s : segments) {
            start = Math.min(start, s.paddr);
        }
        return start;
    }

    @Override
    public void loadInto(PhysicalMemory memory) {
        byte[] ram = memory.array();
        for (Segment s : segments) {
            System.arraycopy(bytes, (int) s.fileOffset, ram, (int) s.paddr, (int) s.fileSize);
            Arrays.fill(ram, (int) (s.paddr + s.fileSize), (int) (s.paddr + s.memSize), (byte) 0);
            memory.written((int) s.paddr, (int) s.memSize);
        }
    }

    @Override
    public void writeSetupHeader(ByteBuffer zeroPage) {
        zeroPage.putShort(BootParams.BOOT_FLAG, (short) BootParams.BOOT_FLAG_VALUE);
        zeroPage.putInt(BootParams.HEADER_MAGIC, BootParams.HEADER_MAGIC_VALUE);
        zeroPage.putShort(BootParams.VERSION, (short) BootParams.PROTOCOL_FOR_ELF);
        zeroPage.put(BootParams.LOADFLAGS, (byte) BootParams.LOADED_HIGH);
        zeroPage.putInt(BootParams.CODE32_START, entry);
        zeroPage.putInt(BootParams.INITRD_ADDR_MAX, BootParams.DEFAULT_INITRD_ADDR_MAX);
        zeroPage.putInt(BootParams.CMDLINE_SIZE, maxCommandLine());
    }

    @Override
    public long initrdLimit() {
        return BootParams.DEFAULT_INITRD_ADDR_MAX + 1L;
    }

    @Override
    public int maxCommandLine() {
        return 2047;
    }
}
