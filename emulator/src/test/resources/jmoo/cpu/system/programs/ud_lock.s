# The LOCK prefix is only allowed on read-modify-write instructions with a memory destination:
# anything else raises #UD at the (prefixed) instruction. (Not LOCK XCHG reg,reg: QEMU accepts it.)
.include "runtime.inc"
.macro LOCK_CASE label, insn:vararg
    EXPECT_FAULT 1f
    .byte 0xF0                             # lock (as refuses it on some of these)
    \insn
1:  PRINT_EXC "\label"
.endm
.text
.globl test_main
test_main:
    LOCK_CASE "lock nop", nop
    LOCK_CASE "lock add to a register", addl %eax, %ebx
    LOCK_CASE "lock inc of a register", incl %eax
    LOCK_CASE "lock cmp with memory", cmpl %eax, test_page0
    LOCK_CASE "lock add to memory (valid)", addl %eax, test_page0
    LOCK_CASE "lock xchg with memory (valid)", xchgl %eax, test_page0
    LOCK_CASE "lock bts to memory (valid)", btsl %eax, test_page0
    LOCK_CASE "lock cmpxchg to memory (valid)", cmpxchgl %ebx, test_page0
    ret
