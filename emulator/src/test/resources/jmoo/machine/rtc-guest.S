# A guest for the RTC interrupt test: the PIT at 100 Hz on IRQ 0 and the CMOS RTC on IRQ 8
# (through the slave 8259) with the periodic interrupt at 1024 Hz and the update-ended
# interrupt. The IRQ 8 handler reads register C (which clears it) and counts its flags:
# periodic at 0x504, update-ended at 0x508; IRQ 0 counts at 0x500. After the second
# update-ended interrupt it prints the power-off message and halts with interrupts off.
        .code32
        .globl _start
        .text
_start:
        lgdt    gdt_desc
        ljmp    $0x10, $1f
1:      mov     $0x18, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %ss
        mov     $0x90000, %esp
        movl    $0, 0x500
        movl    $0, 0x504
        movl    $0, 0x508

        # IDT: vector 0x20 (IRQ 0) and 0x28 (IRQ 8); every other vector just returns
        mov     $idt, %edi
        mov     $256, %ecx
2:      mov     $ignore, %eax
        call    gate
        add     $8, %edi
        loop    2b
        mov     $idt + 0x20 * 8, %edi
        mov     $pit_irq, %eax
        call    gate
        mov     $idt + 0x28 * 8, %edi
        mov     $rtc_irq, %eax
        call    gate
        lidt    idt_desc

        # ICW1-4 for master (0x20, cascade on IRQ 2) and slave (0x28); mask all but 0, 2, 8
        mov     $pic_init, %esi
        mov     $(pic_init_end - pic_init) / 2, %ecx
3:      lodsw
        mov     %ah, %dl
        xor     %dh, %dh
        out     %al, %dx
        loop    3b

        # PIT channel 0: mode 2, 11932 (100 Hz)
        mov     $0x34, %al
        out     %al, $0x43
        mov     $0x9C, %al
        out     %al, $0x40
        mov     $0x2E, %al
        out     %al, $0x40

        # RTC: A = 32.768 kHz, rate 6 (1024 Hz); B = PIE | UIE | 24-hour; clear C
        mov     $0x0A, %al
        out     %al, $0x70
        mov     $0x26, %al
        out     %al, $0x71
        mov     $0x0B, %al
        out     %al, $0x70
        mov     $0x52, %al
        out     %al, $0x71
        mov     $0x0C, %al
        out     %al, $0x70
        in      $0x71, %al
        sti
idle:   hlt
        jmp     idle

# eax = handler, edi = gate: a 32-bit interrupt gate in the flat code segment
gate:
        mov     %ax, (%edi)
        movw    $0x10, 2(%edi)
        movw    $0x8E00, 4(%edi)
        shr     $16, %eax
        mov     %ax, 6(%edi)
        ret

ignore:
        iret

pit_irq:
        push    %eax
        incl    0x500
        mov     $0x20, %al
        out     %al, $0x20
        pop     %eax
        iret

rtc_irq:
        push    %eax
        mov     $0x0C, %al
        out     %al, $0x70
        in      $0x71, %al
        test    $0x40, %al
        jz      4f
        incl    0x504
4:      test    $0x10, %al
        jz      5f
        incl    0x508
        cmpl    $2, 0x508
        je      done
5:      mov     $0x20, %al
        out     %al, $0xA0
        out     %al, $0x20
        pop     %eax
        iret

done:
        mov     $powerdown, %esi
6:      lodsb
        test    %al, %al
        jz      8f
        mov     $0x3F8, %dx
        out     %al, %dx
        jmp     6b
8:      cli
9:      hlt
        jmp     9b

        .data
# (value, port) pairs
pic_init:
        .byte   0x11, 0x20, 0x20, 0x21, 0x04, 0x21, 0x01, 0x21
        .byte   0x11, 0xA0, 0x28, 0xA1, 0x02, 0xA1, 0x01, 0xA1
        .byte   0xFA, 0x21, 0xFE, 0xA1
pic_init_end:
powerdown: .asciz "reboot: Power down\n"
        .balign 8
gdt:    .quad   0, 0, 0x00CF9A000000FFFF, 0x00CF92000000FFFF
gdt_desc:
        .word   31
        .long   gdt
idt_desc:
        .word   256 * 8 - 1
        .long   idt
        .bss
        .balign 8
idt:    .skip   256 * 8
