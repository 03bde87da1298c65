# CR0 through LMSW/SMSW/CLTS/MOV: LMSW sets MP/EM/TS and can set but never clear PE; SMSW
# gives the low word; and ARPL's result and ZF for lower, equal and higher RPLs.
.include "runtime.inc"
.set SHOWN, 0xE005000F                     # PE MP EM TS, WP, AM, NW CD PG
.text
.globl test_main
test_main:
    movw $0x000E, %ax
    lmsw %ax
    movl %cr0, %eax
    andl $SHOWN, %eax
    PRINT "after lmsw 0x000e", %eax
    smsw %eax
    andl $0xF, %eax
    PRINT "smsw", %eax
    movw $0x0000, %ax
    lmsw %ax
    movl %cr0, %eax
    andl $SHOWN, %eax
    PRINT "after lmsw 0 (PE stays)", %eax
    movw $0x0008, %ax
    lmsw %ax
    clts
    movl %cr0, %eax
    andl $SHOWN, %eax
    PRINT "after lmsw 8, clts", %eax
    movl %cr0, %eax
    orl $(CR0_WP | 0x40000), %eax
    movl %eax, %cr0
    movl %cr0, %eax
    andl $SHOWN, %eax
    PRINT "with WP and AM", %eax
    andl $~(CR0_WP | 0x40000), %eax
    movl %eax, %cr0

    PUTS "-- arpl\n"
    movw $0x0010, %ax                      # destination RPL 0 < source RPL 3
    movw $0x0023, %bx
    arpl %bx, %ax
    setz %cl
    movzbl %cl, %ecx
    movzwl %ax, %eax
    PRINT "arpl 0x23 -> 0x10", %eax
    PRINT "  zf", %ecx
    movw $0x0013, %ax                      # equal
    arpl %bx, %ax
    setz %cl
    movzbl %cl, %ecx
    movzwl %ax, %eax
    PRINT "arpl 0x23 -> 0x13", %eax
    PRINT "  zf", %ecx
    movw $0x0012, %ax                      # higher
    movw $0x0021, %bx
    arpl %bx, %ax
    setz %cl
    movzbl %cl, %ecx
    movzwl %ax, %eax
    PRINT "arpl 0x21 -> 0x12", %eax
    PRINT "  zf", %ecx
    movw $0x0008, test_page0
    movw $0x002B, %bx
    arpl %bx, test_page0
    setz %cl
    movzbl %cl, %ecx
    movzwl test_page0, %eax
    PRINT "arpl 0x2b -> memory 0x08", %eax
    PRINT "  zf", %ecx
    ret
