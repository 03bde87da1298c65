# Page faults on not-present pages: error code (P=0, W/R, U/S), CR2, the faulting EIP, and the
# instruction restarted after the handler makes the page present. Also a not-present page
# directory entry and an instruction fetch. (pf_spanning: an access spanning into such a page.)
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $0x11223344, test_page0+0x120
    movl $0x55667788, test_page1+0x450
    movb $0xC3, test_page3                 # ret, called in the last case
    call paging_on
    movl $pf_fix_and_retry, exc_handlers+14*4

    PUTS "-- ring 0 read\n"
    call unmap_test_pages
    movl test_page0+0x120, %eax
    PRINT "read", %eax

    PUTS "-- ring 0 write\n"
    call unmap_test_pages
    movl $0xCAFE0001, test_page1+0x450
    PRINT "written", test_page1+0x450

    PUTS "-- ring 3 read\n"
    call unmap_test_pages
    ENTER_USER user_read
    PRINT "user read", %eax

    PUTS "-- ring 3 write\n"
    call unmap_test_pages
    ENTER_USER user_write
    PRINT "user wrote", test_page1+0x450

    PUTS "-- not-present page directory entry (ring 3 read at 4 MiB + test_page1)\n"
    ENTER_USER user_read_pde
    PRINT "user read", %eax

    PUTS "-- instruction fetch from a not-present page\n"
    call unmap_test_pages
    call test_page3
    PRINT "returned, faults", pf_count
    ret

# Clears the present bit of test_page0..3 and drops their TLB entries.
unmap_test_pages:
    PTE_ADDR %ebx, test_page0
    movl $4, %ecx
1:  andl $~PG_P, (%ebx)
    addl $4, %ebx
    loop 1b
    invlpg test_page0
    invlpg test_page1
    invlpg test_page2
    invlpg test_page3
    ret

user_read:
    movl test_page0+0x120, %eax
    USER_EXIT %eax

user_write:
    movl $0xCAFE0002, test_page1+0x450
    USER_EXIT $0

user_read_pde:
    movl 0x400000+test_page1+0x450, %eax
    USER_EXIT %eax
