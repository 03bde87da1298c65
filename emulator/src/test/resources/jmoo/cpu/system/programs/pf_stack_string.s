# Page faults on stack and string accesses, the kind Linux resolves by demand paging or by its
# exception tables: a ring 3 push onto a not-present stack page, PUSH
# from a not-present source, and REP MOVS/STOS that fault part way: the instruction restarts
# with ECX/ESI/EDI showing the iterations already done.
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl $0x5151, test_page2+0x10
    call paging_on
    movl $pf_fix_and_retry, exc_handlers+14*4

    PUTS "-- ring 3 push onto a not-present stack page\n"
    call unmap_pages
    ENTER_USER user_push
    PRINT "user result", %eax
    PRINT "pushed", test_page1+0xFFC

    PUTS "-- pushl from a not-present page\n"
    call unmap_pages
    pushl test_page2+0x10
    popl %eax
    PRINT "pushed", %eax

    PUTS "-- rep movsl into a page that is not present half way\n"
    call unmap_pages
    PTE_ADDR %ebx, test_page1
    orl $PG_P, (%ebx)
    invlpg test_page1
    movl $source, %esi
    movl $test_page1+0xFF8, %edi
    movl $4, %ecx
    EXPECT_FAULT 1f                        # record the fault instead of fixing it
    movl $rt_record_resume, exc_handlers+14*4
    rep movsl
1:  PRINT_EXC "rep movsl"
    PRINT "ecx", %ecx
    movl %esi, %eax
    subl $source, %eax
    PRINT "esi - source", %eax
    PRINT "edi", %edi
    PRINT "copied", test_page1+0xFFC
    movl $pf_fix_and_retry, exc_handlers+14*4
    rep movsl
    PRINT "ecx after the restart", %ecx
    PRINT "dword 3", test_page2+4

    PUTS "-- ring 3 rep stosb over a not-present page\n"
    call unmap_pages
    ENTER_USER user_stos
    PRINT "user ecx after", %eax
    PRINT "stored at the end of test_page2", test_page2+0xFFC
    PRINT "stored at the start of test_page3", test_page3+0xC
    PRINT "not stored", test_page3+0x10
    PRINT "faults", pf_count
    ret

unmap_pages:
    PTE_ADDR %ebx, test_page1
    andl $~PG_P, (%ebx)
    andl $~PG_P, 4(%ebx)
    andl $~PG_P, 8(%ebx)
    invlpg test_page1
    invlpg test_page2
    invlpg test_page3
    ret

user_push:
    movl $test_page1+0x1000, %esp
    pushl $0x7777
    USER_EXIT %esp

user_stos:
    movl $test_page2+0xFF0, %edi
    movl $0x20, %ecx
    movb $0x5A, %al
    rep stosb
    USER_EXIT %ecx

.data
source: .long 0x11111111, 0x22222222, 0x33333333, 0x44444444
