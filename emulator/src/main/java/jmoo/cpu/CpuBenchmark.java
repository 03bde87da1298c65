package jmoo.cpu;

import jmoo.devices.InterruptSource;
import jmoo.devices.IoBus;
import jmoo.devices.PhysicalMemory;

/**
 * The fixed guest workload behind {@code ./jmoo bench cpu} and the JMH benchmark: ALU loops,
 * memory copies (REP MOVSL and a byte loop), data-dependent branches, recursive calls and
 * page-crossing loads and stores, in flat protected mode with paging on (identity map). It
 * ends with HLT; one run retires about {@value #APPROX_INSTRUCTIONS} instructions.
 *
 * <p>The code is the output of {@code as --32} / {@code ld --oformat binary -Ttext=0x10000} for
 * this source:
 * <pre>
 * # jmoo CPU benchmark workload: flat 32-bit protected mode, paging on (identity map set up by
 * # the harness), code at 0x10000, data at 0x100000.., stack below 0x90000. Ends with HLT.
 * .code32
 * .text
 * start:
 *     mov $200, %ebp              # outer iterations
 * outer:
 *     # 1. ALU loop
 *     mov $2000, %ecx
 *     mov $0x12345678, %eax
 *     xor %ebx, %ebx
 * 1:  add %ecx, %eax
 *     xor %eax, %ebx
 *     rol $3, %ebx
 *     lea 1(%eax,%ebx,2), %edx
 *     imul $13, %edx, %edx
 *     sub %edx, %eax
 *     shr $1, %edx
 *     and $0xFFFF, %edx
 *     or %edx, %ebx
 *     dec %ecx
 *     jnz 1b
 *     mov %ebx, 0x100000
 *     # 2. memory copies: rep movsl of 8 KiB, then a byte loop of 512 bytes
 *     mov $0x100000, %esi
 *     mov $0x104000, %edi
 *     mov $2048, %ecx
 *     cld
 *     rep movsl
 *     mov $0x100000, %esi
 *     mov $0x108000, %edi
 *     mov $512, %ecx
 * 2:  movb (%esi), %al
 *     movb %al, (%edi)
 *     inc %esi
 *     inc %edi
 *     dec %ecx
 *     jnz 2b
 *     # 3. branches: data-dependent
 *     mov $1000, %ecx
 *     xor %eax, %eax
 *     mov $0x9E3779B9, %edx
 * 3:  imul $1103515245, %edx, %edx
 *     add $12345, %edx
 *     test $0x100, %edx
 *     jz 4f
 *     inc %eax
 *     jmp 5f
 * 4:  dec %eax
 * 5:  cmp $0, %eax
 *     jge 6f
 *     neg %eax
 * 6:  loop 3b
 *     # 4. calls: recursive fib(12)
 *     push $12
 *     call fib
 *     add $4, %esp
 *     mov %eax, 0x100004
 *     # 5. page-crossing accesses
 *     mov $0x10AFFE, %esi
 *     mov $300, %ecx
 * 7:  mov (%esi), %eax
 *     add $1, %eax
 *     mov %eax, (%esi)
 *     addw $1, 0x10BFFF
 *     mov 0x10CFFD, %ebx
 *     dec %ecx
 *     jnz 7b
 *     dec %ebp
 *     jnz outer
 *     hlt
 *
 * fib:
 *     mov 4(%esp), %eax
 *     cmp $2, %eax
 *     jb 9f
 *     push %ebx
 *     lea -1(%eax), %ebx
 *     push %ebx
 *     call fib
 *     add $4, %esp
 *     dec %ebx
 *     push %eax
 *     push %ebx
 *     call fib
 *     add $4, %esp
 *     pop %ebx
 *     add %ebx, %eax
 *     pop %ebx
 * 9:  ret
 * </pre>
 */
public final class CpuBenchmark {
    static final long APPROX_INSTRUCTIONS = 5_000_000L;
    private static final int CODE = 0x10000;
    private static final int PAGE_DIR = 0x300000;
    private static final int PAGE_TABLE = 0x301000;
    private static final String CODE_HEX =
            "bdc8000000b9d0070000b87856341231db01c831c3c1c3038d5458016bd20d29d0d1ea81e2ffff000009d34975e3891d" +
            "00001000be00001000bf00401000b900080000fcf3a5be00001000bf00801000b9000200008a06880746474975f7b9e8" +
            "03000031c0bab979379e69d26d4ec64181c239300000f7c200010000740340eb014883f8007d02f7d8e2df6a0ce83200" +
            "000083c404a304001000befeaf1000b92c0100008b0683c0018906668305ffbf1000018b1dfdcf10004975e84d0f8542" +
            "fffffff48b44240483f802721c538d58ff53e8edffffff83c4044b5053e8e2ffffff83c4045b01d85bc3";

    private final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    private final Cpu cpu = new Cpu(memory, new IoBus(), new InterruptSource() {
        @Override
        public boolean hasInterrupt() {
            return false;
        }

        @Override
        public int acknowledgeInterrupt() {
            throw new IllegalStateException("no interrupts in the CPU benchmark");
        }
    });

    /** Runs the workload once from a fresh start; returns the number of instructions retired. */
    public long runOnce() {
        byte[] code = code();
        System.arraycopy(code, 0, memory.array(), CODE, code.length);
        memory.written(CODE, code.length);
        for (int i = 0; i < 1024; i++) {
            memory.write32(PAGE_TABLE + 4 * i, (i << 12) | 3);
        }
        memory.write32(PAGE_DIR, PAGE_TABLE | 3);
        cpu.resetToFlatProtectedMode();
        cpu.setReg(Cpu.ESP, 0x90000);
        cpu.setCr(3, PAGE_DIR);
        cpu.setCr(0, cpu.cr(0) | 0x80000000);
        cpu.setEip(CODE);
        long before = cpu.instructionCount();
        StopReason r = cpu.run(Long.MAX_VALUE / 2);
        if (r != StopReason.HALTED || cpu.eip() != CODE + HLT_OFFSET + 1) {
            throw new IllegalStateException(String.format("CPU benchmark workload ended with %s at eip %08x", r, cpu.eip()));
        }
        if (memory.read32(0x100004) != 144) { // fib(12), stored by the workload
            throw new IllegalStateException("CPU benchmark workload computed fib(12) = " + memory.read32(0x100004));
        }
        return cpu.instructionCount() - before;
    }

    private static final int HLT_OFFSET = 195;

    private static byte[] code() {
        byte[] b = new byte[CODE_HEX.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(CODE_HEX.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
