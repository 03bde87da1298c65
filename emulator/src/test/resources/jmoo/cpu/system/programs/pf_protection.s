# Protection page faults from ring 3 (error code P=1): writes to read-only pages, access to
# supervisor pages (PTE and PDE level), execution from a supervisor page. The handler grants
# one right per fault, so a page lacking two rights faults twice before the access completes.
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $0x600DF00D, test_page0+0x40
    call paging_on
    movl $pf_fix_and_retry, exc_handlers+14*4

    PUTS "-- ring 3 write to a read-only user page\n"
    PTE_ADDR %ebx, test_page0
    andl $~PG_RW, (%ebx)
    invlpg test_page0
    ENTER_USER user_write
    PRINT "user wrote", test_page0+0x40

    PUTS "-- ring 3 read of a supervisor page\n"
    PTE_ADDR %ebx, test_page1
    andl $~PG_US, (%ebx)
    invlpg test_page1
    movl $0x12345678, test_page1+0x80
    ENTER_USER user_read
    PRINT "user read", %eax

    PUTS "-- ring 3 write to a read-only supervisor page (two faults)\n"
    PTE_ADDR %ebx, test_page1
    andl $~(PG_US | PG_RW), (%ebx)
    invlpg test_page1
    ENTER_USER user_write_page1
    PRINT "user wrote", test_page1+0x80

    PUTS "-- ring 3 read through a supervisor page directory entry\n"
    movl $(page_table0 + PG_P + PG_RW), page_dir+4
    invlpg 0x400000+test_page1
    ENTER_USER user_read_alias
    PRINT "user read", %eax

    PUTS "-- ring 3 write through a read-only page directory entry\n"
    movl $(page_table0 + PG_P + PG_US), page_dir+4
    invlpg 0x400000+test_page1
    ENTER_USER user_write_alias
    PRINT "user wrote", test_page1+0x84

    PUTS "-- ring 3 execution of a supervisor page\n"
    movl $user_code_copy, %esi
    movl $test_page2, %edi
    movl $(user_code_copy_end - user_code_copy), %ecx
    rep movsb
    PTE_ADDR %ebx, test_page2
    andl $~PG_US, (%ebx)
    invlpg test_page2
    ENTER_USER test_page2
    PRINT "user code returned", %eax

    PUTS "-- ring 0 may read and write a user page\n"
    movl test_page0+0x40, %eax
    PRINT "kernel read", %eax
    PRINT "faults", pf_count
    ret

user_write:
    movl $0xBEEF0001, test_page0+0x40
    USER_EXIT $0

user_read:
    movl test_page1+0x80, %eax
    USER_EXIT %eax

user_write_page1:
    movl $0xBEEF0002, test_page1+0x80
    USER_EXIT $0

user_read_alias:
    movl 0x400000+test_page1+0x80, %eax
    USER_EXIT %eax

user_write_alias:
    movl $0xBEEF0003, 0x400000+test_page1+0x84
    USER_EXIT $0

# Position-independent user code copied to test_page2.
user_code_copy:
    movl $0x5EC0DE, %ebx
    movl $SYS_EXIT, %eax
    int $0x80
user_code_copy_end:
