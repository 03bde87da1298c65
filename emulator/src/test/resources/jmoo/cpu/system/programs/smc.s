# Self-modifying code: an instruction rewritten just before it executes (no jump in between,
# with a jump, in a loop), code in another page patched and called again, an instruction
# spanning two pages patched in its second page, code overwritten by REP MOVSB right ahead of
# itself, and (with paging) code written through one linear alias and run through another.
.include "runtime.inc"
.text
.globl test_main
test_main:
    PUTS "-- the next instruction, no jump\n"
    movb $0x42, next1+1
next1:
    movl $0x11, %eax
    PRINT "eax", %eax

    PUTS "-- the next instruction, after a jump\n"
    movb $0x43, next2+1
    jmp next2
next2:
    movl $0x11, %eax
    PRINT "eax", %eax

    PUTS "-- a loop rewriting its own immediate\n"
    xorl %edx, %edx
    movl $5, %ecx
1:  movl %ecx, loop_imm+1
loop_imm:
    movl $0, %eax
    addl %eax, %edx
    loop 1b
    PRINT "sum", %edx

    PUTS "-- code in another page, called, patched, called again\n"
    movl $template, %esi
    movl $test_page1+0x100, %edi
    movl $(template_end - template), %ecx
    rep movsb
    call test_page1+0x100
    PRINT "first call", %eax
    movl $0x2222, test_page1+0x101
    call test_page1+0x100
    PRINT "second call", %eax
    movb $0x40, test_page1+0x105           # inc %eax before the ret
    call test_page1+0x100
    PRINT "third call", %eax

    PUTS "-- an instruction spanning two pages, patched in the second\n"
    movl $template, %esi
    movl $test_page1+0xFFE, %edi
    movl $(template_end - template), %ecx
    rep movsb
    call test_page1+0xFFE
    PRINT "first call", %eax
    movw $0x3333, test_page2+1             # bytes 3..4 of the immediate
    call test_page1+0xFFE
    PRINT "second call", %eax

    PUTS "-- rep movsb overwriting the code right after it\n"
    movl $new_code, %esi
    movl $overwritten, %edi
    movl $(new_code_end - new_code), %ecx
    rep movsb
overwritten:
    movl $0xBAD, %eax
    PRINT "eax", %eax

    PUTS "-- a byte at a time over code that already ran\n"
    movb $0xC3, test_page3
    movl $0, %ebx
2:  call test_page3                        # first: the ret below; then the written code
    incl %ebx
    cmpl $2, %ebx
    jae 3f
    movl $template, %esi
    movl $test_page3, %edi
    movl $(template_end - template), %ecx
4:  movb (%esi), %al
    movb %al, (%edi)
    incl %esi
    incl %edi
    loop 4b
    movl $0, %eax
    jmp 2b
3:  PRINT "eax", %eax

    PUTS "-- written through an alias at 4 MiB, run at the original address\n"
    call paging_on
    movl $(page_table0 + PG_P + PG_RW), page_dir+4
    call test_page1+0x100
    PRINT "before", %eax
    movl $0x4444, 0x400000+test_page1+0x101
    call test_page1+0x100
    PRINT "after", %eax
    ret

template:
    movl $0x1111, %eax
    ret
    ret
template_end:

new_code:
    movl $0x600D, %eax
new_code_end:
