# The TSS I/O permission bitmap (Linux's ioperm): in ring 3 with IOPL 0, IN/OUT to a port
# whose bits are all clear is allowed, any set bit (also in the second byte of a word access)
# is #GP(0), and ports past the TSS limit are refused. The user program prints through the
# debug console port itself once the bitmap grants it.
.include "runtime.inc"
.set TSS_IO, SPARE0
.set BITMAP, 104
.set TSS_IO_LIMIT, BITMAP + 0x100 / 8      # the bitmap covers ports 0..0xff, then the limit
.text
.globl test_main
test_main:
    movl $istack_top, tss_io+4
    movl $KDATA, tss_io+8
    movw $BITMAP, tss_io+102
    movl $tss_io+BITMAP, %edi              # all ports denied ...
    movl $(0x100 / 8), %ecx
    movb $0xFF, %al
    rep stosb
    movl $PORT_CON, %eax                   # ... but the console (0xe9)
    btrl %eax, tss_io+BITMAP
    movl $0x80, %eax                       # ... and ports 0x80, 0x81
    btrl %eax, tss_io+BITMAP
    incl %eax
    btrl %eax, tss_io+BITMAP
    movl $TSS_IO, %eax
    movl $tss_io, %ebx
    movl $TSS_IO_LIMIT, %ecx
    movl $0x0089, %edx
    call rt_set_desc
    andb $~2, gdt+TSS_MAIN+5               # the runtime's TSS is no longer busy (we switch TR)
    movw $TSS_IO, %ax
    ltr %ax

    ENTER_USER user_console, 0x2
    PRINT "user program", %eax
    EXPECT_FAULT 1
    ENTER_USER user_denied, 0x2
    PRINT "port 0x70", %eax
    PRINT_EXC "   "
    ENTER_USER user_word_allowed, 0x2
    PRINT "word at 0x80", %eax
    EXPECT_FAULT 1
    ENTER_USER user_word_half, 0x2
    PRINT "word at 0xe9 (0xea denied)", %eax
    PRINT_EXC "   "
    EXPECT_FAULT 1
    ENTER_USER user_beyond_limit, 0x2
    PRINT "port 0x3f8, past the TSS limit", %eax
    PRINT_EXC "   "
    ret

user_console:
    movb $'u', %al
    outb %al, $PORT_CON
    movb $'\n', %al
    outb %al, $PORT_CON
    USER_EXIT $1
user_denied:
    inb $0x70, %al
    USER_EXIT $2
user_word_allowed:
    movw $0, %ax
    outw %ax, $0x80
    USER_EXIT $3
user_word_half:
    movw $0x0A0A, %ax
    outw %ax, $PORT_CON
    USER_EXIT $4
user_beyond_limit:
    movw $0x3F8, %dx
    inb %dx, %al
    USER_EXIT $5

.bss
.align 16
tss_io: .fill TSS_IO_LIMIT + 1, 1, 0
