# Accessed and dirty bits as the page walk sets them: A on read, A+D on write (also when the
# page was first read, so its translation was cached without D), A without D on an
# instruction fetch, the page directory entry's A (never D), both pages of a spanning access.
.include "runtime.inc"
.set FLAGS, PG_P | PG_RW | PG_US | PG_A | PG_D
.text
.globl test_main
test_main:
    movb $0xC3, test_page3                 # ret
    call paging_on

    call clear_ad
    PUTS "-- read test_page0\n"
    movl test_page0, %eax
    call show_ad

    call clear_ad
    PUTS "-- write test_page1\n"
    movl $1, test_page1
    call show_ad

    call clear_ad
    PUTS "-- read then write test_page2\n"
    movl test_page2, %eax
    call show_ad
    movl $2, test_page2+4
    call show_ad

    call clear_ad
    PUTS "-- execute test_page3\n"
    call test_page3
    call show_ad

    call clear_ad
    PUTS "-- read a dword spanning test_page0 and test_page1\n"
    movl test_page0+0xFFE, %eax
    call show_ad

    call clear_ad
    PUTS "-- ring 3 write test_page2\n"
    ENTER_USER user_write
    call show_ad
    ret

user_write:
    movl $3, test_page2+8
    USER_EXIT $0

# Clears A and D in the page directory entry and the four test pages' entries, flushing them.
clear_ad:
    andl $~(PG_A | PG_D), page_dir
    PTE_ADDR %ebx, test_page0
    movl $4, %ecx
1:  andl $~(PG_A | PG_D), (%ebx)
    addl $4, %ebx
    loop 1b
    invlpg test_page0
    invlpg test_page1
    invlpg test_page2
    invlpg test_page3
    ret

# Prints the flag bits of the page directory entry and of the four test pages' entries.
show_ad:
    movl page_dir, %eax
    andl $FLAGS, %eax
    PRINT "pde", %eax
    PTE_ADDR %ebx, test_page0
    xorl %ecx, %ecx
1:  movl (%ebx,%ecx,4), %eax
    andl $FLAGS, %eax
    PRINT "pte", %eax
    incl %ecx
    cmpl $4, %ecx
    jb 1b
    ret
