# A tiny guest for the machine tests: sets up a GDT and IDT, the 8259 pair, the PIT at
# 100 Hz and the UART with receive interrupts, prints "ready", then idles in HLT. The serial
# interrupt echoes every byte received; '!' prints "bye" and resets through the i8042, '#'
# prints a power-off message and halts with interrupts off, '$' halts with interrupts off
# silently. Hangs for the watchdog: '%' spins in the handler with interrupts on (the timer
# still ticks), '&' spins with interrupts off, '*' masks every PIC line and goes back to idling
# (a HLT nothing can end). The timer interrupt counts ticks in the word at 0x500.
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

        # IDT: every vector to a handler that just returns, then the timer and the serial port
        mov     $idt, %edi
        mov     $256, %ecx
2:      mov     $ignore, %eax
        call    set_gate
        add     $8, %edi
        loop    2b
        mov     $idt + 0x20 * 8, %edi
        mov     $timer, %eax
        call    set_gate
        mov     $idt + 0x24 * 8, %edi
        mov     $serial, %eax
        call    set_gate
        lidt    idt_desc

        # 8259 pair: vectors 0x20 and 0x28, cascade on IRQ 2; unmask IRQ 0 and 4
        mov     $0x11, %al
        out     %al, $0x20
        mov     $0x20, %al
        out     %al, $0x21
        mov     $0x04, %al
        out     %al, $0x21
        mov     $0x01, %al
        out     %al, $0x21
        mov     $0x11, %al
        out     %al, $0xA0
        mov     $0x28, %al
        out     %al, $0xA1
        mov     $0x02, %al
        out     %al, $0xA1
        mov     $0x01, %al
        out     %al, $0xA1
        mov     $0xEE, %al
        out     %al, $0x21
        mov     $0xFF, %al
        out     %al, $0xA1

        # PIT channel 0: mode 2, 11932 (100 Hz)
        mov     $0x34, %al
        out     %al, $0x43
        mov     $0x9C, %al
        out     %al, $0x40
        mov     $0x2E, %al
        out     %al, $0x40

        # UART: 115200 8N1, FIFOs, OUT2 (IRQ enable) | RTS | DTR, receive interrupt
        mov     $0x3FB, %dx
        mov     $0x83, %al
        out     %al, %dx
        mov     $0x3F8, %dx
        mov     $0x01, %al
        out     %al, %dx
        mov     $0x3F9, %dx
        xor     %al, %al
        out     %al, %dx
        mov     $0x3FB, %dx
        mov     $0x03, %al
        out     %al, %dx
        mov     $0x3FA, %dx
        mov     $0x07, %al
        out     %al, %dx
        mov     $0x3FC, %dx
        mov     $0x0B, %al
        out     %al, %dx
        mov     $0x3F9, %dx
        mov     $0x01, %al
        out     %al, %dx

        mov     $ready, %esi
        call    puts
        sti
idle:   hlt
        jmp     idle

# eax = handler, edi = gate: a 32-bit interrupt gate in the flat code segment
set_gate:
        mov     %ax, (%edi)
        movw    $0x10, 2(%edi)
        movw    $0x8E00, 4(%edi)
        shr     $16, %eax
        mov     %ax, 6(%edi)
        ret

ignore:
        iret

timer:
        push    %eax
        incl    0x500
        mov     $0x20, %al
        out     %al, $0x20
        pop     %eax
        iret

serial:
        pusha
3:      mov     $0x3FD, %dx
        in      %dx, %al
        test    $0x01, %al
        jz      4f
        mov     $0x3F8, %dx
        in      %dx, %al
        cmp     $'!', %al
        je      quit
        cmp     $'#', %al
        je      poweroff
        cmp     $'$', %al
        je      dead
        cmp     $'%', %al
        je      spin_on
        cmp     $'&', %al
        je      spin_off
        cmp     $'*', %al
        je      mask_all
        call    putc
        jmp     3b
4:      mov     $0x20, %al
        out     %al, $0x20
        popa
        iret

spin_on:
        sti
9:      jmp     9b

spin_off:
        cli
10:     jmp     10b

mask_all:
        mov     $0xFF, %al
        out     %al, $0x21
        jmp     4b

quit:
        mov     $bye, %esi
        call    puts
        mov     $0xFE, %al
        out     %al, $0x64
5:      hlt
        jmp     5b

poweroff:
        mov     $powerdown, %esi
        call    puts
dead:   cli
6:      hlt
        jmp     6b

# al = byte: waits for THR empty, then sends
putc:
        push    %edx
        push    %eax
7:      mov     $0x3FD, %dx
        in      %dx, %al
        test    $0x20, %al
        jz      7b
        pop     %eax
        mov     $0x3F8, %dx
        out     %al, %dx
        pop     %edx
        ret

# esi = NUL-terminated string
puts:
        lodsb
        test    %al, %al
        jz      8f
        call    putc
        jmp     puts
8:      ret

        .data
ready:  .asciz  "ready\n"
bye:    .asciz  "bye\n"
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
