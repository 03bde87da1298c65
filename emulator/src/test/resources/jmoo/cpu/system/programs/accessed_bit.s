# Loading a data or stack segment register sets the accessed bit of its descriptor in the GDT,
# and LTR marks the TSS busy. (A far jump sets it for code on hardware too, but QEMU does not.)
.include "runtime.inc"
.set DATA_A, SPARE0
.set STACK_A, SPARE0+0x08
.set TSS_A, SPARE0+0x10
.text
.globl test_main
test_main:
    movl $DATA_A, %eax
    xorl %ebx, %ebx
    movl $0xFFFFF, %ecx
    movl $0xC092, %edx                     # writable data, accessed bit clear
    call rt_set_desc
    movl $STACK_A, %eax
    call rt_set_desc
    movl $TSS_A, %eax
    movl $tss_df, %ebx
    movl $103, %ecx
    movl $0x0089, %edx
    call rt_set_desc
    call show
    movw $DATA_A, %ax
    movw %ax, %es
    movw $KDATA, %ax
    movw %ax, %es
    movw $STACK_A, %ax
    movw %ax, %ss
    movw $KDATA, %ax
    movw %ax, %ss
    movw $TSS_A, %ax
    ltr %ax
    call show
    ret

show:
    PUTS "access bytes:"
    movl $DATA_A, %esi
1:  PUTS " "
    movzbl gdt+5(%esi), %eax
    call rt_put_hex2
    addl $8, %esi
    cmpl $TSS_A, %esi
    jbe 1b
    PUTS "\n"
    ret
