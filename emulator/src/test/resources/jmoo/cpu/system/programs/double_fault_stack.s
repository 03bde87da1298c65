# The double fault Linux i386 watches for: the kernel stack runs into a not-present page, the
# page fault cannot push its frame there, and the #DF task gate switches to a task with a
# stack of its own. That task sees CR2 = the address the push could not reach and the old
# task's ESP saved at the faulting instruction.
.include "runtime.inc"
.text
.globl test_main
test_main:
    movl %cr3, %eax
    call paging_on
    movl %cr3, %eax
    movl %eax, tss_df+28                   # CR3
    movl $df_task, tss_df+32               # EIP
    movl $2, tss_df+36                     # EFLAGS
    movl $dfstack_top, tss_df+56           # ESP
    movl $KDATA, tss_df+72                 # ES
    movl $KCODE, tss_df+76                 # CS
    movl $KDATA, tss_df+80                 # SS
    movl $KDATA, tss_df+84                 # DS
    movl $KDATA, tss_df+88                 # FS
    movl $KDATA, tss_df+92                 # GS
    movw $104, tss_df+102
    movl $8, %eax
    xorl %ebx, %ebx
    movl $TSS_DF, %ecx
    movl $0x8500, %edx                     # task gate
    call rt_set_gate

    PTE_ADDR %ebx, test_page1
    andl $~PG_P, (%ebx)
    invlpg test_page1
    movl $test_page2+8, %esp               # 8 bytes of stack, then test_page1 (not present)
    pushl $1
    pushl $2
overflow:
    pushl $3
    PUTS "no double fault\n"
    movb $EXIT_FAIL, %al
    jmp rt_exit

df_task:
    PUTS "in the double-fault task\n"
    PRINT "error code on the stack", 0(%esp)
    movl %cr2, %eax
    PRINT "cr2", %eax
    movl $overflow, %eax
    PRINT "overflowing push", %eax
    PRINT "saved eip", tss_main+32
    PRINT "saved esp", tss_main+56
    movzwl tss_df, %eax
    PRINT "back link", %eax
    PUTS "done\n"
    movb $EXIT_PASS, %al
    jmp rt_exit
