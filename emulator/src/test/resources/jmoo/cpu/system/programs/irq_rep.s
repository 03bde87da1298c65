# An interrupt arriving during REP MOVSB (pending when STI's shadow ends): it is taken between
# iterations, with the pushed EIP at the REP instruction (or after it, had the copy finished)
# and ECX/ESI/EDI consistent with each other, and the copy resumes after IRET and completes.
# Which iteration it lands on is the CPU's choice, so only these relations are printed.
.include "runtime.inc"
.include "pc_devices.inc"
.set COUNT, 3000
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
    movl $source, %edi                     # source[i] = i * 7
    xorl %eax, %eax
    movl $COUNT, %ecx
1:  stosb
    addb $7, %al
    loop 1b

    movb $0x42, %al
    call raise_irq1
    movl $source, %esi
    movl $test_page0+0x10, %edi
    movl $COUNT, %ecx
    sti
the_rep:
    rep movsb
after_rep:
    cli
    movl %ecx, end_ecx
    PRINT "interrupts", irq_count
    movl seen_eip, %eax
    cmpl $the_rep, %eax
    sete %bl
    cmpl $after_rep, %eax
    sete %bh
    orb %bh, %bl
    movzbl %bl, %ebx
    PRINT "pushed eip at the rep or after it", %ebx
    movl seen_esi, %eax                    # esi - source == edi - dest == COUNT - ecx
    subl $source, %eax
    movl seen_edi, %ebx
    subl $(test_page0+0x10), %ebx
    movl $COUNT, %edx
    subl seen_ecx, %edx
    cmpl %eax, %ebx
    sete %cl
    cmpl %eax, %edx
    sete %ch
    andb %ch, %cl
    movzbl %cl, %ecx
    PRINT "ecx, esi, edi agree", %ecx
    PRINT "ecx at the end", end_ecx
    movl $source, %esi                     # compare the copy
    movl $test_page0+0x10, %edi
    movl $COUNT, %ecx
    repe cmpsb
    PRINT "bytes left to compare (0: equal)", %ecx
    movzbl test_page0+0x10+COUNT, %eax
    PRINT "byte after the copy", %eax
    ret

irq1_handler:
    pushal
    incl irq_count
    movl 32(%esp), %eax
    movl %eax, seen_eip
    movl 24(%esp), %eax                    # the interrupted ECX (pushal order: edi esi ebp esp ebx edx ecx eax)
    movl %eax, seen_ecx
    movl 4(%esp), %eax
    movl %eax, seen_esi
    movl 0(%esp), %eax
    movl %eax, seen_edi
    inb $KBD_DATA, %al
    movb $0x20, %al
    outb %al, $PIC1
    popal
    iret

.data
irq_count: .long 0
seen_eip: .long 0
seen_ecx: .long 0
seen_esi: .long 0
seen_edi: .long 0
end_ecx: .long 0
.bss
source: .fill COUNT, 1, 0
