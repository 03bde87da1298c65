# #DE from DIV/IDIV (divide by zero and quotient overflow, all operand sizes) and AAM 0: a
# fault, so EIP is the instruction and the destination registers are unchanged.
.include "runtime.inc"

# DE_CASE "label", eax, edx, ebx, instruction...: loads eax/edx/ebx, runs the instruction.
.macro DE_CASE label, a, d, b, insn:vararg
    movl $\a, %eax
    movl $\d, %edx
    movl $\b, %ebx
    EXPECT_FAULT 1f
    \insn
1:  PUTS "\label"
    PRINT " eax", %eax
    PRINT "   edx", %edx
    PRINT_EXC "   "
.endm

.text
.globl test_main
test_main:
    DE_CASE "div by zero (32)", 0x1234, 0, 0, divl %ebx
    DE_CASE "div quotient overflow (32)", 0, 1, 1, divl %ebx
    DE_CASE "idiv -2^31 / -1", 0x80000000, 0xFFFFFFFF, 0xFFFFFFFF, idivl %ebx
    DE_CASE "div by zero (16)", 0x11112222, 0x33334444, 0, divw %bx
    DE_CASE "div quotient overflow (16)", 0x0, 0x2, 0x2, divw %bx
    DE_CASE "div by zero (8)", 0x1234, 0, 0, divb %bl
    DE_CASE "div quotient overflow (8)", 0x1000, 0, 2, divb %bl
    DE_CASE "idiv -128 / -1 (8)", 0xFF80, 0, 0xFF, idivb %bl
    DE_CASE "idiv 128 / -1 (8)", 0x0080, 0, 0xFF, idivb %bl
    DE_CASE "div from memory", 100, 0, 0, divl test_page0
    DE_CASE "aam 0", 0x1234, 0, 0, .byte 0xD4, 0x00
    DE_CASE "aam 10 (no fault)", 0x0037, 0, 0, aam
    DE_CASE "div 7 / 2 (no fault)", 7, 0, 2, divl %ebx
    DE_CASE "idiv -7 / 2 (no fault)", 0xFFFFFFF9, 0xFFFFFFFF, 2, idivl %ebx
    ret
