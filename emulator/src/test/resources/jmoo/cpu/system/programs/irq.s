# Hardware interrupts through the 8259 pair: the i8042's "write keyboard output buffer"
# command (0xD2) raises IRQ 1 on demand. With IF=0 the request waits; STI lets it in only
# after the next instruction; STI;HLT wakes with EIP after the HLT; a masked IRQ waits for
# the unmask; an interrupt in ring 3 switches to the TSS stack and returns with IRET.
.include "runtime.inc"
.include "pc_devices.inc"
.text
.globl test_main
test_main:
    call init_pic
    call init_i8042
    movl $(IRQ_BASE + 1), %eax
    movl $irq1_handler, %ebx
    movl $KCODE, %ecx
    movl $0x8E00, %edx
    call rt_set_gate

    PUTS "-- IF=0: the request waits; sti; nop; then it is taken\n"
    movb $0x5A, %al
    call raise_irq1
    movl $3, %ecx
1:  loop 1b
    PRINT "interrupts before sti", irq_count
    sti
after_sti:
    nop
after_nop:
    nop
    cli
    PRINT "interrupts after sti; nop", irq_count
    movl $after_sti, %eax
    PRINT "after sti", %eax
    movl $after_nop, %eax
    PRINT "after nop", %eax

    PUTS "-- sti; hlt with a request waiting\n"
    movb $0x5B, %al
    call raise_irq1
    sti
    hlt
after_hlt:
    cli
    movl $after_hlt, %eax
    PRINT "after hlt", %eax

    PUTS "-- masked in the PIC, then unmasked\n"
    movb $0xFF, %al
    outb %al, $(PIC1 + 1)
    movb $0x5C, %al
    call raise_irq1
    sti
    nop
    nop
    cli
    PRINT "interrupts while masked", irq_count
    movb $0xFD, %al
    outb %al, $(PIC1 + 1)
    sti
    nop
after_unmask:
    nop
    cli
    PRINT "interrupts after unmask", irq_count
    movl $after_unmask, %eax
    PRINT "after unmask", %eax

    PUTS "-- in ring 3\n"
    movb $0x5D, %al
    call raise_irq1
    ENTER_USER user_code, 0x202
    PRINT "user result", %eax
    PRINT "interrupts", irq_count
    ret

user_code:
    movl $0x1234, %ebx
    nop
    USER_EXIT %ebx

# The IRQ 1 handler: prints the byte, where it interrupted, the stack it runs on; EOI.
irq1_handler:
    pushal
    movw %ds, %bx
    movw $KDATA, %ax
    movw %ax, %ds
    incl irq_count
    inb $KBD_DATA, %al
    movzbl %al, %eax
    PUTS "irq1"
    PRINT " data", %eax
    PRINT "     pushed eip", 32(%esp)
    PRINT "     pushed cs", 36(%esp)
    movl $istack_top, %eax
    subl %esp, %eax
    PRINT "     istack_top - esp", %eax
    movb $0x20, %al                        # EOI
    outb %al, $PIC1
    movw %bx, %ds
    popal
    iret

.data
irq_count: .long 0
