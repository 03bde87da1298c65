# CR0.WP in ring 0: with WP=0 a supervisor write to a read-only page succeeds (and sets D);
# with WP=1 it faults with error code 3 and restarts once the handler grants R/W. Ring 3
# writes to read-only pages fault whatever WP is.
.include "runtime.inc"
.text
.globl test_main
test_main:
    call paging_on
    movl $pf_fix_and_retry, exc_handlers+14*4
    PTE_ADDR %ebx, test_page0
    andl $~(PG_RW | PG_D), (%ebx)
    PTE_ADDR %ebx, test_page1
    andl $~(PG_RW | PG_US | PG_D), (%ebx)
    invlpg test_page0
    invlpg test_page1

    PUTS "-- WP=0: ring 0 writes to read-only user and supervisor pages\n"
    movl $0x1111, test_page0
    movl $0x2222, test_page1
    PRINT "user page", test_page0
    PRINT "supervisor page", test_page1
    call show_ptes

    PUTS "-- WP=0: ring 3 write to the read-only user page\n"
    ENTER_USER user_write
    call show_ptes
    PTE_ADDR %ebx, test_page0
    andl $~PG_RW, (%ebx)
    invlpg test_page0

    PUTS "-- WP=1 (no TLB flush): ring 0 writes\n"
    movl %cr0, %eax
    orl $CR0_WP, %eax
    movl %eax, %cr0
    movl %cr0, %eax
    andl $CR0_WP, %eax
    PRINT "cr0.wp", %eax
    movl $0x3333, test_page0
    movl $0x4444, test_page1
    PRINT "user page", test_page0
    PRINT "supervisor page", test_page1
    call show_ptes

    PUTS "-- WP=0 again: no fault\n"
    PTE_ADDR %ebx, test_page0
    andl $~PG_RW, (%ebx)
    invlpg test_page0
    movl %cr0, %eax
    andl $~CR0_WP, %eax
    movl %eax, %cr0
    movl $0x5555, test_page0
    PRINT "user page", test_page0
    PRINT "faults", pf_count
    ret

user_write:
    movl $0x7777, test_page0+4
    USER_EXIT $0

show_ptes:
    PTE_ADDR %ebx, test_page0
    movl (%ebx), %eax
    andl $0xFFF, %eax
    PRINT "pte0", %eax
    movl 4(%ebx), %eax
    andl $0xFFF, %eax
    PRINT "pte1", %eax
    ret
