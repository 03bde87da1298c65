# POPF/IRET and the IF/IOPL bits: ring 3 with IOPL 0 may change neither (silently, no fault);
# ring 3 with IOPL 3 may change IF but not IOPL; ring 0 changes both. 16-bit POPF alike.
.include "runtime.inc"
.set SHOWN, 0x3ED5                         # arithmetic flags, IF, DF, IOPL

# POPF_CASE "label", value: in ring 3, pops value into EFLAGS and reports the result.
.macro USER_POPF label, value
    pushl $\value
    popfl
    pushfl
    popl %esi
    andl $SHOWN, %esi
    cld
    USER_PRINT "\label", %esi
.endm

.text
.globl test_main
test_main:
    PUTS "-- ring 3, IOPL 0, IF=1\n"
    ENTER_USER user_popf, 0x202
    PUTS "-- ring 3, IOPL 3, IF=0\n"
    ENTER_USER user_popf, 0x3002
    PUTS "-- ring 3, IOPL 1, IF=1\n"
    ENTER_USER user_popf, 0x1202
    PUTS "-- ring 0\n"
    pushl $0x2ED7
    popfl
    pushfl
    popl %eax
    andl $SHOWN, %eax
    PRINT "popf 0x2ed7", %eax
    pushl $0x1002
    popfl
    pushfl
    popl %eax
    andl $SHOWN, %eax
    PRINT "popf 0x1002", %eax
    pushl $2
    popfl
    ret

user_popf:
    USER_POPF "popf 0x0002", 0x0002
    USER_POPF "popf 0x0ed7 (IF=1, flags)", 0x0ED7
    USER_POPF "popf 0x3002 (IOPL=3)", 0x3002
    USER_POPF "popf 0x3202 (IOPL=3, IF=1)", 0x3202
    pushw $0x32C5
    popfw
    pushfl
    popl %esi
    andl $SHOWN, %esi
    USER_PRINT "popfw 0x32c5", %esi
    pushl $UCODE                           # IRET to ring 3 with IF=1 IOPL=3
    popl %eax
    pushl $0x3203
    pushl %eax
    pushl $1f
    iret
1:  pushfl
    popl %esi
    andl $SHOWN, %esi
    USER_PRINT "iret with 0x3203", %esi
    USER_EXIT $0
