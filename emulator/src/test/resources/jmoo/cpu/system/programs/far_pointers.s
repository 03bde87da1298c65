# LDS/LES/LFS/LGS/LSS load a selector and an offset from memory (32- and 16-bit operand
# sizes); a bad selector faults before anything is loaded.
.include "runtime.inc"
.set BASED, SPARE0                         # data, base test_page0
.text
.globl test_main
test_main:
    movl $BASED, %eax
    movl $test_page0, %ebx
    movl $0xFFFFF, %ecx
    movl $0xC093, %edx
    call rt_set_desc
    movl $0x55667788, test_page0+0x20

    movl $0xAAAAAAAA, %ebx
    lesl ptr32, %ebx
    movw %es, %ax
    movzwl %ax, %eax
    PRINT "les: es", %eax
    PRINT "  ebx", %ebx
    movl %es:0x20, %eax
    PRINT "  es:0x20", %eax
    movl $0xBBBBBBBB, %ecx
    lfsw ptr16, %cx
    movw %fs, %ax
    movzwl %ax, %eax
    PRINT "lfsw: fs", %eax
    PRINT "  ecx", %ecx
    lgsl ptr32, %edx
    movw %gs, %ax
    movzwl %ax, %eax
    PRINT "lgs: gs", %eax
    movl %esp, %esi
    lssl stack_ptr, %esp
    movw %ss, %ax
    movl %esp, %edi
    movw $KDATA, %cx
    movw %cx, %ss
    movl %esi, %esp
    movzwl %ax, %eax
    PRINT "lss: ss", %eax
    PRINT "  esp", %edi
    movl $0xCCCCCCCC, %ebx
    EXPECT_FAULT 1f
    ldsl bad_ptr, %ebx
1:  PRINT_EXC "lds with a TSS selector"
    PRINT "  ebx", %ebx
    movl %esp, %esi
    EXPECT_FAULT 1f
    lssl null_ptr, %esp
1:  PRINT_EXC "lss with a null selector"
    subl %esp, %esi
    PRINT "  esp moved", %esi
    movw $KDATA, %ax
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    ret

.data
ptr32: .long 0x12345678
    .word BASED
ptr16: .word 0x9ABC
    .word BASED
stack_ptr: .long 0x1000
    .word BASED
bad_ptr: .long 0x11111111
    .word TSS_MAIN
null_ptr: .long 0x22222222
    .word 0
