# Address-space switches (what a context switch does): two page directories map the same
# linear page to different frames holding different code and data; after MOV CR3 the CPU
# must fetch, decode and read through the new mapping, in ring 0 and in ring 3, and back.
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $code_template, %esi              # frame test_page2: movl $0xA, %eax; ret
    movl $test_page2, %edi
    movl $(code_template_end - code_template), %ecx
    rep movsb
    movl $code_template, %esi              # frame test_page3: movl $0xB, %eax; ret
    movl $test_page3, %edi
    movl $(code_template_end - code_template), %ecx
    rep movsb
    movl $0xB, test_page3+1
    movl $0xDA7A000A, test_page2+0x800
    movl $0xDA7A000B, test_page3+0x800
    call paging_on

    movl $page_table0, %esi                # space B: a copy of A with test_page2 -> frame 3
    movl $page_table_b, %edi
    movl $1024, %ecx
    rep movsl
    movl $test_page2, %eax
    shrl $12, %eax
    movl $(test_page3 + PG_P + PG_RW + PG_US), page_table_b(,%eax,4)
    movl $(page_table_b + PG_P + PG_RW + PG_US), page_dir_b

    movl $2, rounds
1:  call test_page2
    PRINT "space A: code", %eax
    PRINT "space A: data", test_page2+0x800
    ENTER_USER user_run
    PRINT "space A: ring 3", %eax
    movl $page_dir_b, %eax
    movl %eax, %cr3
    call test_page2
    PRINT "space B: code", %eax
    PRINT "space B: data", test_page2+0x800
    ENTER_USER user_run
    PRINT "space B: ring 3", %eax
    movl $page_dir, %eax
    movl %eax, %cr3
    decl rounds
    jz 2f
    PUTS "-- patch frame 3's code through space A's identity mapping of it\n"
    movl $0xBB, test_page3+1
    jmp 1b
2:  ret

user_run:
    call test_page2
    movl test_page2+0x800, %ebx
    addl %eax, %ebx
    USER_EXIT %ebx

code_template:
    movl $0xA, %eax
    ret
code_template_end:

.data
rounds: .long 0
.bss
.align 4096
page_dir_b: .fill 1024, 4, 0
page_table_b: .fill 1024, 4, 0
