# A page fault in the middle of an access: a dword written across the end of a present page
# into a not-present one faults with CR2 = the first byte of the second page, the instruction
# restarts once the handler maps it, and then both parts are written.
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $0x99AABBCC, test_page1+0xFFC
    movl $0x55667788, test_page2
    call paging_on
    movl $pf_fix_and_retry, exc_handlers+14*4
    PTE_ADDR %ebx, test_page2
    andl $~PG_P, (%ebx)
    invlpg test_page2

    PUTS "-- write a dword at test_page1+0xffe\n"
    movl $0x01020304, test_page1+0xFFE
    PRINT "dword at the page end", test_page1+0xFFC
    PRINT "dword at the next page", test_page2

    PUTS "-- read a dword at test_page1+0xffd\n"
    andl $~PG_P, (%ebx)
    invlpg test_page2
    movl test_page1+0xFFD, %eax
    PRINT "read", %eax

    PUTS "-- ring 3 write of a word at test_page1+0xfff\n"
    andl $~PG_P, (%ebx)
    invlpg test_page2
    ENTER_USER user_write
    PRINT "dword at the next page", test_page2
    ret

user_write:
    movw $0xABCD, test_page1+0xFFF
    USER_EXIT $0
