# Trap return addresses: INT3 (0xCC) and INT 3 (0xCD 0x03) push the address after the
# instruction, INTO traps only with OF=1, BOUND faults (#BR) at the instruction. From ring 3,
# INT3 through a DPL 0 gate is #GP(vector*8+2), through a DPL 3 gate a #BP in ring 3.
.include "runtime.inc"
.text
.globl test_main
test_main:
    EXPECT_FAULT 1f
    int3
1:  PRINT_EXC "int3"
    EXPECT_FAULT 1f
    int $3
1:  PRINT_EXC "int $3"
    movl $0x7FFFFFFF, %eax
    addl $1, %eax                          # OF=1
    EXPECT_FAULT 1f
    into
1:  PRINT_EXC "into, OF=1"
    xorl %eax, %eax                        # OF=0
    EXPECT_FAULT 1f
    into
1:  PRINT_EXC "into, OF=0"
    movl $5, %eax
    EXPECT_FAULT 1f
    boundl %eax, bounds
1:  PRINT_EXC "bound 5 in [2, 5]"
    movl $6, %eax
    EXPECT_FAULT 1f
    boundl %eax, bounds
1:  PRINT_EXC "bound 6 in [2, 5]"
    movl $1, %eax
    EXPECT_FAULT 1f
    boundl %eax, bounds
1:  PRINT_EXC "bound 1 in [2, 5]"
    movw $0x8000, %ax
    EXPECT_FAULT 1f
    boundw %ax, bounds16
1:  PRINT_EXC "bound16 -32768 in [-2, 3]"

    EXPECT_FAULT 1
    ENTER_USER user_int3
    PRINT "ring 3 int3, DPL 0 gate", %eax
    PRINT_EXC "   "
    movl $3, %eax
    movl exc_stub_table+3*4, %ebx
    movl $KCODE, %ecx
    movl $0xEE00, %edx                     # DPL 3
    call rt_set_gate
    EXPECT_FAULT 1
    ENTER_USER user_int3
    PRINT "ring 3 int3, DPL 3 gate", %eax
    PRINT_EXC "   "
    EXPECT_FAULT 1
    ENTER_USER user_into
    PRINT "ring 3 into, DPL 0 gate", %eax
    PRINT_EXC "   "
    ret

user_int3:
    int3
    USER_EXIT $0
user_into:
    movl $0x7FFFFFFF, %eax
    addl $1, %eax
    into
    USER_EXIT $0

.data
bounds: .long 2, 5
bounds16: .word -2, 3
