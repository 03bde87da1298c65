# An instruction that spans into a not-present page faults with CR2 = the start of that page
# and EIP = the instruction's first byte; mapped, it restarts and runs whole. Also a near call
# whose return address push faults (user stack page not present).
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $template, %esi                   # movl $0x12345678, %eax; ret at test_page1 - 2
    movl $test_page1-2, %edi
    movl $(template_end - template), %ecx
    rep movsb
    call paging_on
    movl $pf_fix_and_retry, exc_handlers+14*4

    PUTS "-- ring 0 fetch\n"
    call unmap_page1
    call test_page1-2
    PRINT "eax", %eax

    PUTS "-- ring 3 fetch\n"
    call unmap_page1
    ENTER_USER user_call
    PRINT "user eax", %eax
    PRINT "faults", pf_count
    ret

unmap_page1:
    PTE_ADDR %ebx, test_page1
    andl $~PG_P, (%ebx)
    invlpg test_page1
    ret

user_call:
    call test_page1-2
    USER_EXIT %eax

template:
    movl $0x12345678, %eax
    ret
template_end:
