# DR7 written with zero (how Linux disables breakpoints) reads back with bit 10 set: a 486
# and later hardwire it to 1.
.include "runtime.inc"
.text
.globl test_main
test_main:
    xorl %eax, %eax
    movl %eax, %dr7
    movl %dr7, %eax
    PRINT "dr7", %eax
    ret
