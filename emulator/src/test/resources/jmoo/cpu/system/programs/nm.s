# #NM (device not available) from a floating-point instruction when CR0.EM or CR0.TS is set;
# CLTS clears TS. (This CPU has no FPU: the guest kernel emulates it through #NM.)
.include "runtime.inc"
.set CR0_TS, 8
.set CR0_EM, 4
.text
.globl test_main
test_main:
    movl %cr0, %eax
    orl $CR0_EM, %eax
    movl %eax, %cr0
    EXPECT_FAULT 1f
    fninit
1:  PRINT_EXC "fninit, EM=1"
    EXPECT_FAULT 1f
    fldl test_page0
1:  PRINT_EXC "fldl, EM=1"
    EXPECT_FAULT 1f
    fwait
1:  PRINT_EXC "fwait, EM=1 MP=0"

    movl %cr0, %eax
    andl $~CR0_EM, %eax
    orl $CR0_TS, %eax
    movl %eax, %cr0
    EXPECT_FAULT 1f
    fnstsw test_page0
1:  PRINT_EXC "fnstsw, TS=1"
    movl %cr0, %eax
    andl $CR0_TS, %eax
    PRINT "cr0.ts", %eax
    clts
    movl %cr0, %eax
    andl $CR0_TS, %eax
    PRINT "cr0.ts after clts", %eax

    movl %cr0, %eax
    orl $CR0_EM, %eax
    movl %eax, %cr0
    EXPECT_FAULT 1
    ENTER_USER user_fpu
    PRINT "ring 3 fadd, EM=1", %eax
    PRINT_EXC "   "
    ret

user_fpu:
    faddl test_page0
    USER_EXIT $0
