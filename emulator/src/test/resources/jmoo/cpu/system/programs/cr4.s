# CR4 on this CPU reads as 0 and can be written with 0 (Linux does both). (Setting a bit for a
# feature the CPU lacks should be #GP(0), but QEMU's TCG lets PSE through, so it is not tested.)
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl %cr4, %eax
    PRINT "cr4", %eax
    xorl %eax, %eax
    EXPECT_FAULT 1f
    movl %eax, %cr4
1:  PRINT_EXC "write 0"
    movl %cr4, %eax
    PRINT "cr4", %eax
    ret
