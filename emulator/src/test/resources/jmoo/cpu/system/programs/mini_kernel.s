# A kernel in miniature, the way Linux i386 switches tasks: two ring 3 tasks in their own
# address spaces (the same linear page test_page2 backed by different frames) call int $0x80
# to yield; the kernel saves the task's registers on its kernel stack, switches kernel stack,
# TSS.ESP0 and CR3 and IRETs into the other task; exits end each task.
.include "runtime.inc"
.set U, test_page2                         # user code at U, counter at U+0x800, stack below U+0xff0
.set SYS_YIELD, 2
.text
.globl test_main
test_main:
    movl $user_code, %esi                  # task 0's frame: test_page2, counter 0x100
    movl $test_page2, %edi
    movl $(user_code_end - user_code), %ecx
    rep movsb
    movl $0x100, test_page2+0x800
    movl $user_code, %esi                  # task 1's frame: test_page3, counter 0x200
    movl $test_page3, %edi
    movl $(user_code_end - user_code), %ecx
    rep movsb
    movl $0x200, test_page3+0x800
    call paging_on
    movl $page_table0, %esi                # task 1's address space
    movl $page_table_1, %edi
    movl $1024, %ecx
    rep movsl
    movl $U, %eax
    shrl $12, %eax
    movl $(test_page3 + PG_P + PG_RW + PG_US), page_table_1(,%eax,4)
    movl $(page_table_1 + PG_P + PG_RW + PG_US), page_dir_1
    movl $0x80, %eax
    movl $mk_syscall, %ebx
    movl $KCODE, %ecx
    movl $0xEF00, %edx                     # trap gate, DPL 3
    call rt_set_gate

    movl $kstack0_top, %eax                # each kernel stack starts as pushal + an IRET frame
    call prepare_stack
    movl %eax, kesp
    movl $kstack1_top, %eax
    call prepare_stack
    movl %eax, kesp+4

    pushl %ebp                             # the frame rt_user_return unwinds
    pushl %esi
    pushl %edi
    pushl %ebx
    movl %esp, saved_kernel_esp
    movw $UDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movl $0, current
    jmp switch_in

# prepare_stack: %eax = kernel stack top; returns the ESP with a zero pushal frame over an
# IRET frame to U in ring 3.
prepare_stack:
    movl %eax, %edi
    subl $20, %edi
    movl $U, 0(%edi)
    movl $UCODE, 4(%edi)
    movl $0x2, 8(%edi)
    movl $U+0xFF0, 12(%edi)
    movl $UDATA, 16(%edi)
    subl $32, %edi
    movl %edi, %eax
    ret

mk_syscall:
    pushal
    movl current, %esi
    cmpl $SYS_YIELD, %eax
    je 1f
    cmpl $SYS_EXIT, %eax
    je 2f
    popal
    jmp rt_syscall                         # SYS_PRINT
1:  PUTS "task "
    movl %esi, %eax
    call rt_put_hex2
    PRINT " yields, counter", U+0x800
    movl %esp, kesp(,%esi,4)
    xorl $1, %esi
    cmpl $0, done(,%esi,4)
    jne 3f                                 # the other task has exited: keep running
    movl %esi, current
    jmp switch_in
3:  xorl $1, %esi
    popal
    iret
2:  PUTS "task "
    movl %esi, %eax
    call rt_put_hex2
    PRINT " exits with", %ebx
    movl $1, done(,%esi,4)
    xorl $1, %esi
    cmpl $0, done(,%esi,4)
    jne 4f
    movl %esi, current
    jmp switch_in
4:  movl %ebx, %eax
    jmp rt_user_return

# switch_in: runs task `current` from its saved kernel stack.
switch_in:
    movl current, %esi
    movl kesp(,%esi,4), %esp
    movl kstack_tops(,%esi,4), %eax
    movl %eax, tss_main+4                  # ESP0
    movl page_dirs(,%esi,4), %eax
    movl %eax, %cr3
    popal
    iret

# Copied to U in both frames: count three times, yielding each time, then exit.
user_code:
    movl $3, %ecx
1:  incl U+0x800
    movl $SYS_YIELD, %eax
    int $0x80
    loop 1b
    movl U+0x800, %ebx
    movl $SYS_EXIT, %eax
    int $0x80
user_code_end:

.data
current: .long 0
kesp: .long 0, 0
done: .long 0, 0
kstack_tops: .long kstack0_top, kstack1_top
page_dirs: .long page_dir, page_dir_1
.bss
.align 4096
page_dir_1: .fill 1024, 4, 0
page_table_1: .fill 1024, 4, 0
    .fill 4096, 1, 0
kstack0_top:
    .fill 4096, 1, 0
kstack1_top:
