# Stack instructions whose 32-bit forms a 64-bit host cannot run natively: PUSHA/POPA (32 and
# 16 bit: the pushed ESP is the original, POPA skips it), ENTER with nesting levels (32 and 16
# bit) and LEAVE, PUSH ESP (the old value), POP ESP, and POP to an ESP-based memory operand
# (the address uses ESP after the pop).
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl %esp, saved_esp
    movl $scratch_top, %esp                # a stack of our own, zero-filled, in one 64 KiB
    PUTS "-- pushal\n"
    movl $0x11, %eax
    movl $0x22, %ecx
    movl $0x33, %edx
    movl $0x44, %ebx
    movl $0x66, %ebp
    movl $0x77, %esi
    movl $0x88, %edi
    pushal
    movl %esp, %esi
    call dump8
    movl $0x9999, 12(%esp)                 # the saved ESP: POPA ignores it
    movl $0xAAAA, 28(%esp)                 # the saved EAX
    popal
    movl %esp, %ebx
    subl $scratch_top, %ebx
    PRINT "esp after popal - before", %ebx
    PRINT "eax after popal", %eax
    PRINT "edi after popal", %edi

    PUTS "-- pushaw\n"
    movl $0xFFFF0001, %eax
    movl $0xFFFF0002, %ecx
    pushaw
    movl %esp, %esi
    call dump4
    movw $0x5555, 14(%esp)                 # the saved AX
    popaw
    PRINT "eax after popaw", %eax
    PRINT "ecx after popaw", %ecx
    movl $scratch_top, %esp

    PUTS "-- enter with levels 0, 1, 2, 5\n"
    movl $frames+0x400, %ebp               # a chain of fake outer frame pointers
    movl $frames+0x800, frames+0x400-4
    movl $frames+0xC00, frames+0x400-8
    movl $0xF1, frames+0x400-12
    movl $0xF2, frames+0x400-16
    movl $0xF3, frames+0x400-20
    movl $0, %ecx
1:  movl $scratch_top, %esp
    movl $frames+0x400, %ebp
    movl level_table(,%ecx,4), %eax
    cmpl $0, %eax
    jne 2f
    enter $0x10, $0
    jmp 6f
2:  cmpl $1, %eax
    jne 3f
    enter $0x10, $1
    jmp 6f
3:  cmpl $2, %eax
    jne 4f
    enter $0x10, $2
    jmp 6f
4:  enter $0x10, $5
6:  movl $scratch_top, %eax
    subl %esp, %eax
    PRINT "  esp used", %eax
    movl $scratch_top, %eax
    subl %ebp, %eax
    PRINT "  ebp below the start", %eax
    movl %ebp, %esi
    subl $24, %esi
    call dump8
    leave
    movl %ebp, %eax
    PRINT "  ebp after leave", %eax
    movl $scratch_top, %eax
    subl %esp, %eax
    PRINT "  esp after leave, used", %eax
    incl %ecx
    cmpl $4, %ecx
    jb 1b
    movl $scratch_top, %esp

    PUTS "-- enterw $8, $2 and leavew\n"
    movl $frames+0x400, %ebp
    movl $0xABCD1234, %ebx
    enterw $8, $2
    movl $scratch_top, %eax
    subl %esp, %eax
    PRINT "  esp used", %eax
    PRINT "  ebp", %ebp
    leavew
    PRINT "  ebp after leavew", %ebp
    movl $scratch_top, %esp

    PUTS "-- push esp, pop esp, pop to (esp)\n"
    pushl %esp
    popl %eax
    subl %esp, %eax
    PRINT "pushed esp - esp", %eax
    pushl $0x1234
    pushl $0x5678
    popl (%esp)                            # stores 0x5678 over 0x1234
    popl %eax
    PRINT "after popl (%esp)", %eax
    movl $scratch_top-4, %esp
    pushl $0xAAAA
    pushl $0xBBBB
    popl 4(%esp)
    movl scratch_top-4, %eax
    movl scratch_top-8, %ebx
    movl $scratch_top, %esp
    PRINT "after popl 4(%esp), at top-4", %eax
    PRINT "at top-8", %ebx
    leal -64(%esp), %eax
    pushl %eax
    popl %esp
    movl $scratch_top, %eax
    subl %esp, %eax
    PRINT "popl %esp: esp below the start", %eax
    movl saved_esp, %esp
    ret

dump8:
    pushl %ecx
    movl $8, %ecx
    jmp dump
dump4:
    pushl %ecx
    movl $4, %ecx
dump:
    PUTS "  stack:"
1:  PUTS " "
    movl (%esi), %eax
    call rt_put_hex
    addl $4, %esi
    loop 1b
    PUTS "\n"
    popl %ecx
    ret

.data
saved_esp: .long 0
level_table: .long 0, 1, 2, 5
.bss
.align 0x4000
frames: .fill 0x1000, 1, 0
    .fill 0x1000, 1, 0
scratch_top:
    .fill 16, 1, 0                         # dumps near the top read these
