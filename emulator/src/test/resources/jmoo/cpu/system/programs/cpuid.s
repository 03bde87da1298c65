# What the design fixes about CPUID: leaf 1 reports family 4 and, in EDX, CMOV only (no FPU,
# TSC, PSE, VME...), nothing in ECX. The vendor string and model are not compared. EFLAGS.AC
# (a 486 has it) and EFLAGS.ID (CPUID is present) can be toggled: that is how kernels probe.
.include "runtime.inc"
.text
.globl test_main
test_main:
    xorl %eax, %eax
    cpuid
    cmpl $1, %eax
    setae %al
    movzbl %al, %eax
    PRINT "max leaf >= 1", %eax
    movl $1, %eax
    cpuid
    shrl $8, %eax
    andl $0xF, %eax
    PRINT "family", %eax
    PRINT "edx", %edx
    PRINT "ecx", %ecx
    movl $0x40000, %ebx
    call toggles
    PRINT "eflags.ac toggles", %eax
    movl $0x200000, %ebx
    call toggles
    PRINT "eflags.id toggles", %eax
    ret

# toggles: %eax = 1 when the EFLAGS bit %ebx can be flipped by POPF, else 0.
toggles:
    pushfl
    popl %ecx
    movl %ecx, %edx
    xorl %ebx, %edx
    pushl %edx
    popfl
    pushfl
    popl %eax
    pushl %ecx
    popfl
    xorl %ecx, %eax
    andl %ebx, %eax
    setnz %al
    movzbl %al, %eax
    ret
