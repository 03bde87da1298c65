# Faults on the way back to user mode, which Linux catches with exception-table fixups: POP
# into DS/ES/FS/GS of a bad selector (#GP with the selector, ESP unchanged: the pop restarts)
# and IRET to ring 3 with a bad CS or SS (#GP in ring 0 at the IRET, nothing popped).
.include "runtime.inc"

# POP_CASE "label", sreg, selector
.macro POP_CASE label, sreg, sel
    pushl $\sel
    movl %esp, %esi
    EXPECT_FAULT 1f
    popl %\sreg
1:  movl %esp, %ebx
    movl %esi, %esp
    addl $4, %esp
    movw $KDATA, %ax
    movw %ax, %\sreg
    subl %esi, %ebx
    PRINT_EXC "\label"
    PRINT "  esp moved", %ebx
.endm

# IRET_CASE "label", cs, ss: IRET to a ring 3 frame built here.
.macro IRET_CASE label, cs, ss
    movl %esp, %esi
    pushl $\ss
    pushl $ustack_top
    pushl $0x2
    pushl $\cs
    pushl $never_reached
    movl %esp, %edi
    EXPECT_FAULT 1f
    iret
1:  movl %esp, %ebx
    movl %esi, %esp
    subl %edi, %ebx
    PRINT_EXC "\label"
    PRINT "  esp moved", %ebx
.endm

.text
.globl test_main
test_main:
    PUTS "-- pop into a data segment register\n"
    POP_CASE "pop ds, beyond the GDT", ds, 0x80
    POP_CASE "pop es, a TSS", es, TSS_MAIN
    POP_CASE "pop fs, ring 0 data with RPL 3", fs, 0x1B
    POP_CASE "pop gs, user data (valid)", gs, UDATA
    PUTS "-- iret to ring 3\n"
    IRET_CASE "iret, ring 0 CS", KCODE | 3, UDATA
    IRET_CASE "iret, CS beyond the GDT", 0x83, UDATA
    IRET_CASE "iret, SS ring 0 data", UCODE, KDATA | 3
    IRET_CASE "iret, SS null", UCODE, 0
    IRET_CASE "iret, SS with RPL 0", UCODE, UDATA & ~3
    ret

never_reached:
    USER_EXIT $0xBAD
