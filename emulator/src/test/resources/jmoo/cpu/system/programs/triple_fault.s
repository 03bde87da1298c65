# A triple fault resets the machine: with an empty IDT, INT3 raises #GP, #GP raises #DF and
# #DF shuts down. The run must end in a reset, after the line printed before it.
.include "runtime.inc"
.text
.globl test_main
test_main:
    PUTS "before the triple fault\n"
    lidt empty_idt
    int3
    PUTS "still running\n"
    ret

.data
.align 4
    .word 0
empty_idt:
    .word 0
    .long 0
