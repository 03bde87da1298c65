# Segment bases in address computation (glibc keeps its thread pointer in %gs): loads and
# stores through FS/GS/ES overrides with a nonzero base, string instructions (MOVS reads DS
# and writes ES, overrides apply to the source only), a based stack segment, and a base
# that makes the linear address wrap around 4 GiB.
.include "runtime.inc"
.set TLS_DATA, SPARE0                      # DPL 3 data, base test_page0
.set HIGH_DATA, SPARE0+0x08                # DPL 3 data, base 0xFFFFF000
.set STACK_DATA, SPARE0+0x10               # DPL 0 data, base test_page2
.text
.globl test_main
test_main:
    movl $TLS_DATA, %eax
    movl $test_page0, %ebx
    movl $0xFFFFF, %ecx
    movl $0xC0F3, %edx
    call rt_set_desc
    movl $HIGH_DATA, %eax
    movl $0xFFFFF000, %ebx
    call rt_set_desc
    movl $STACK_DATA, %eax
    movl $test_page2, %ebx
    movl $0xC093, %edx
    call rt_set_desc
    movl $0xA0A0A0A0, test_page0+0x10
    movl $0xB1B1B1B1, test_page1+0x20

    PUTS "-- ring 0\n"
    movw $(TLS_DATA | 3), %ax
    movw %ax, %gs
    movl %gs:0x10, %eax
    PRINT "gs:0x10", %eax
    movl $0x12345678, %gs:0x1020
    PRINT "test_page1+0x20", test_page1+0x20
    movw $(TLS_DATA | 3), %ax
    movw %ax, %fs
    movl $0x10, %ebx
    movl $0xC3C3C3C3, test_page0+0x34
    movl %fs:4(%ebx,%ebx,2), %eax          # fs:0x34
    PRINT "fs:0x34", %eax

    movw $(TLS_DATA | 3), %ax
    movw %ax, %es                          # movsl: source DS (or override), destination ES
    movl $test_page1+0x20, %esi
    movl $0x100, %edi
    movsl
    PRINT "es:0x100 after movsl", test_page0+0x100
    movl $0x10, %esi
    movl $0x104, %edi
    movsl %fs:(%esi), %es:(%edi)
    PRINT "es:0x104 after fs-sourced movsl", test_page0+0x104
    movw $KDATA, %ax
    movw %ax, %es

    movw $(HIGH_DATA | 3), %ax
    movw %ax, %gs
    movl %gs:(test_page0+0x1010), %eax     # 0xFFFFF000 + test_page0+0x1010 wraps
    PRINT "wrapped gs read", %eax

    movl %esp, %esi
    movw $STACK_DATA, %ax
    movw %ax, %ss
    movl $0x800, %esp
    pushl $0xD4D4D4D4
    movw $KDATA, %ax
    movw %ax, %ss
    movl %esi, %esp
    PRINT "test_page2+0x7fc after a based push", test_page2+0x7FC

    PUTS "-- ring 3\n"
    ENTER_USER user_tls
    PRINT "user gs:0x10", %eax
    ret

user_tls:
    movw $(TLS_DATA | 3), %ax
    movw %ax, %gs
    movl %gs:0x10, %ebx
    USER_EXIT %ebx
