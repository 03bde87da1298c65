# Debug registers are readable and writable in ring 0: DR0-3 hold what was written.
# (debug_dr7: DR7's fixed bits.)
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $0x11111110, %eax
    movl %eax, %dr0
    movl $0x22222220, %eax
    movl %eax, %dr1
    movl $0x33333330, %eax
    movl %eax, %dr2
    movl $0x44444440, %eax
    movl %eax, %dr3
    movl %dr0, %eax
    PRINT "dr0", %eax
    movl %dr1, %eax
    PRINT "dr1", %eax
    movl %dr2, %eax
    PRINT "dr2", %eax
    movl %dr3, %eax
    PRINT "dr3", %eax
    ret
