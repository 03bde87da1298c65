# Segment register loads and the checks behind them: privilege (#GP with the selector as error
# code), SS rules, null selectors, the GDT limit, not-present segments (#NP, #SS for SS), types
# that may not be loaded. (Accesses through loaded segments, e.g. limit violations, are not
# tested here: QEMU's TCG does not check segment limits or rights on data accesses.)
.include "runtime.inc"

# LOAD_CASE "label", sreg, selector: loads sreg in ring 0 and prints what happened.
.macro LOAD_CASE label, sreg, sel
    EXPECT_FAULT 1f
    movw $\sel, %ax
    movw %ax, %\sreg
1:  movw %\sreg, %bx
    movw $KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movzwl %bx, %eax
    PUTS "\label"
    PRINT " \sreg", %eax
    PRINT_EXC "   "
.endm

.set RO_DATA, SPARE0                       # read-only data, DPL 0
.set NP_DATA, SPARE0+0x08                  # writable data, not present
.set XO_CODE, SPARE0+0x10                  # execute-only code
.set R_CODE, SPARE0+0x28                   # readable code

.text
.globl test_main
test_main:
    movl $RO_DATA, %eax
    xorl %ebx, %ebx
    movl $0xFFFFF, %ecx
    movl $0xC091, %edx
    call rt_set_desc
    movl $NP_DATA, %eax
    movl $0xC013, %edx
    call rt_set_desc
    movl $XO_CODE, %eax
    movl $0xC099, %edx
    call rt_set_desc
    movl $R_CODE, %eax
    movl $0xC09B, %edx
    call rt_set_desc

    PUTS "-- loads in ring 0\n"
    LOAD_CASE "user data", ds, UDATA
    LOAD_CASE "ring 0 data with RPL 3", ds, 0x1B
    LOAD_CASE "null", ds, 0
    LOAD_CASE "readable code", ds, R_CODE
    LOAD_CASE "execute-only code", ds, XO_CODE
    LOAD_CASE "TSS", ds, TSS_MAIN
    LOAD_CASE "beyond the GDT limit", ds, 0x80
    LOAD_CASE "LDT selector, no LDT", ds, 0x0C
    LOAD_CASE "not present", es, NP_DATA
    LOAD_CASE "user data into SS", ss, UDATA
    LOAD_CASE "RPL 3 into SS", ss, 0x1B
    LOAD_CASE "null into SS", ss, 0
    LOAD_CASE "read-only data into SS", ss, RO_DATA
    LOAD_CASE "code into SS", ss, R_CODE
    LOAD_CASE "not present into SS", ss, NP_DATA

    PUTS "-- loads in ring 3\n"
    EXPECT_FAULT 1
    ENTER_USER user_load_kdata
    PRINT "ring 0 data into DS", %eax
    PRINT_EXC "   "
    EXPECT_FAULT 1
    ENTER_USER user_load_kdata_ss
    PRINT "ring 0 data into SS", %eax
    PRINT_EXC "   "
    EXPECT_FAULT 1
    ENTER_USER user_load_kcode
    PRINT "ring 0 readable code into FS", %eax
    PRINT_EXC "   "
    ENTER_USER user_load_null
    PRINT "null into GS", %eax
    ret

user_load_kdata:
    movw $KDATA, %ax
    movw %ax, %ds
    USER_EXIT $0
user_load_kdata_ss:
    movw $(KDATA | 3), %ax
    movw %ax, %ss
    USER_EXIT $0
user_load_kcode:
    movw $(R_CODE | 3), %ax
    movw %ax, %fs
    USER_EXIT $0
user_load_null:
    xorl %eax, %eax
    movw %ax, %gs
    USER_EXIT $0x900D
