# STI's one-instruction interrupt shadow: STI immediately followed by CLI lets a pending
# interrupt not in; STI; NOP takes it after the NOP. (The MOV SS / POP SS shadows would need
# an interrupt raised exactly at that boundary, which a program cannot arrange.)
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

    PUTS "-- sti; cli\n"
    movb $0x31, %al
    call raise_irq1
    sti
    cli
    PRINT "interrupts", irq_count
    sti                                    # now it comes in, after the nop
    nop
1:  cli
    movl $1b, %eax
    PRINT "expected at", %eax

    PRINT "interrupts", irq_count
    ret

irq1_handler:
    pushal
    incl irq_count
    inb $KBD_DATA, %al
    movzbl %al, %eax
    PUTS "irq1"
    PRINT " data", %eax
    PRINT "     pushed eip", 32(%esp)
    movb $0x20, %al
    outb %al, $PIC1
    popal
    iret

.data
irq_count: .long 0
