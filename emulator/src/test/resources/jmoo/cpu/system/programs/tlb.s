# Remapping pages: a PTE pointed at another frame takes effect after INVLPG of that page or a
# CR3 reload, for data and for code (decoded code must follow the mapping, not the linear
# address); one frame mapped at two linear pages runs the same code at both.
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $0xAAAA0000, test_page0
    movl $0xBBBB0000, test_page1
    movl $code_a, %esi                     # test_page2: "movl $0xA, %eax; ret", test_page3: 0xB
    movl $test_page2, %edi
    movl $(code_a_end - code_a), %ecx
    rep movsb
    movl $code_a, %esi
    movl $test_page3, %edi
    movl $(code_a_end - code_a), %ecx
    rep movsb
    movl $0xB, test_page3+1
    call paging_on

    PUTS "-- data: remap test_page0 to test_page1's frame\n"
    movl test_page0, %eax
    PRINT "before", %eax
    PTE_ADDR %ebx, test_page0
    movl $(test_page1 + PG_P + PG_RW + PG_US), (%ebx)
    invlpg test_page0
    movl test_page0, %eax
    PRINT "after invlpg", %eax
    movl $(test_page0 + PG_P + PG_RW + PG_US), (%ebx)
    movl %cr3, %eax
    movl %eax, %cr3
    movl test_page0, %eax
    PRINT "after restoring and reloading cr3", %eax

    PUTS "-- code: remap test_page2 to test_page3's frame\n"
    call test_page2
    PRINT "before", %eax
    PTE_ADDR %ebx, test_page2
    movl $(test_page3 + PG_P + PG_RW + PG_US), (%ebx)
    invlpg test_page2
    call test_page2
    PRINT "after invlpg", %eax
    movl $(test_page2 + PG_P + PG_RW + PG_US), (%ebx)
    movl %cr3, %eax
    movl %eax, %cr3
    call test_page2
    PRINT "after restoring and reloading cr3", %eax

    PUTS "-- code: test_page3's frame also at 4 MiB + test_page2\n"
    movl $(page_table0 + PG_P + PG_RW + PG_US), page_dir+4
    PTE_ADDR %ebx, test_page2
    movl $(test_page3 + PG_P + PG_RW + PG_US), (%ebx)
    invlpg test_page2
    call test_page2
    PRINT "at test_page2", %eax
    call 0x400000+test_page2
    PRINT "at 4 MiB + test_page2", %eax
    movl $0xC, test_page3+1                # patch through the identity mapping
    call test_page2
    PRINT "patched, at test_page2", %eax
    call 0x400000+test_page2
    PRINT "patched, at 4 MiB + test_page2", %eax

    PUTS "-- paging off: linear is physical again\n"
    movl %cr0, %eax
    andl $~CR0_PG, %eax
    movl %eax, %cr0
    call test_page2
    PRINT "test_page2", %eax
    movl test_page0, %eax
    PRINT "test_page0", %eax
    ret

code_a:
    movl $0xA, %eax
    ret
code_a_end:
