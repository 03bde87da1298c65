# 16-bit addressing (prefix 0x67) inside 32-bit code, which a 64-bit host cannot run: every
# ModRM form through LEA, offsets wrapping at 64 KiB, memory accesses through a based segment,
# and the string, LOOP, JCXZ and XLAT forms that then use SI, DI, CX and BX.
.include "runtime.inc"
.set BASED, SPARE0                         # data, base test_page0, limit 4 GiB

.macro LEA16 label, operand:vararg
    leal \operand, %eax
    PRINT "\label", %eax
.endm

.text
.globl test_main
test_main:
    movl $BASED, %eax
    movl $test_page0, %ebx
    movl $0xFFFFF, %ecx
    movl $0xC093, %edx
    call rt_set_desc

    PUTS "-- lea, bx=fff0 si=0020 di=1234 bp=8000, upper halves set\n"
    movl $0xAAAAFFF0, %ebx
    movl $0xBBBB0020, %esi
    movl $0xCCCC1234, %edi
    movl $0xDDDD8000, %ebp
    LEA16 "(bx,si)", (%bx,%si)
    LEA16 "(bx,di)", (%bx,%di)
    LEA16 "(bp,si)", (%bp,%si)
    LEA16 "(bp,di)", (%bp,%di)
    LEA16 "(si)", (%si)
    LEA16 "(di)", (%di)
    LEA16 "disp16", addr16_disp
    LEA16 "(bx)", (%bx)
    LEA16 "0x7f(bx,si)", 0x7F(%bx,%si)
    LEA16 "-0x80(bx,di)", -0x80(%bx,%di)
    LEA16 "-1(bp,si)", -1(%bp,%si)
    LEA16 "0x10(bp,di)", 0x10(%bp,%di)
    LEA16 "0x40(si)", 0x40(%si)
    LEA16 "-2(di)", -2(%di)
    LEA16 "0x10(bp)", 0x10(%bp)
    LEA16 "0x20(bx)", 0x20(%bx)
    LEA16 "0x7ff0(bx,si)", 0x7FF0(%bx,%si)
    LEA16 "-0x1000(bx,di)", -0x1000(%bx,%di)
    LEA16 "0x9000(bp,si)", 0x9000(%bp,%si)
    LEA16 "0xffff(bp,di)", 0xFFFF(%bp,%di)
    LEA16 "0x1234(si)", 0x1234(%si)
    LEA16 "0xfff0(di)", 0xFFF0(%di)
    LEA16 "0x8000(bp)", 0x8000(%bp)
    LEA16 "0x10(bx)", 0x10(%bx)

    PUTS "-- memory through a based segment\n"
    movl $0x11112222, test_page0+0x10
    movl $0x33334444, test_page0+0x1254
    movw $BASED, %ax
    movw %ax, %es
    movl %es:(%bx,%si), %eax               # 0xfff0 + 0x20 wraps to 0x10
    PRINT "es:(bx,si)", %eax
    movl %es:0x20(%di), %eax
    PRINT "es:0x20(di)", %eax
    movl $0x55556666, %es:-0xFFF0(%bx)     # 0xfff0 - 0xfff0 = 0
    PRINT "stored at test_page0", test_page0

    PUTS "-- addr16 string instructions, loop, jcxz, xlat\n"
    movw $BASED, %ax
    movw %ax, %ds
    movl $0xEEEE0010, %esi
    movl $0xFFFF0100, %edi
    movl $0x77770003, %ecx
    addr16 rep movsb
    movw $KDATA, %ax
    movw %ax, %ds
    PRINT "ecx", %ecx
    PRINT "esi", %esi
    PRINT "edi", %edi
    PRINT "copied", test_page0+0x100
    movl $0x12340002, %ecx
    xorl %edx, %edx
1:  incl %edx
    addr16 loop 1b
    PRINT "loop iterations", %edx
    PRINT "ecx after loop", %ecx
    movl $0x10000, %ecx
    movl $0, %eax
    jcxz 2f                                # in 32-bit code gas emits 0x67 0xe3 (CX)
    movl $1, %eax
2:  PRINT "jcxz with cx=0, ecx=0x10000 (0 = jumped)", %eax
    movb $0x9A, test_page0+0x15             # xlat reads ds:(bx + al), bx = 0x0010
    movw $BASED, %ax
    movw %ax, %ds
    movl $0xAAAA0010, %ebx
    movl $5, %eax
    addr16 xlat
    movw $KDATA, %dx
    movw %dx, %ds
    PRINT "xlat", %eax
    movw $KDATA, %ax
    movw %ax, %es
    ret

.set addr16_disp, 0x4321
