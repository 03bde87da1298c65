# A double fault delivered through a task gate (how Linux i386 catches kernel stack overflows):
# #DE whose IDT gate is not present raises #NP while delivering it, two contributory faults
# make #DF, and IDT entry 8 is a task gate to a TSS with its own stack. The new task sees the
# error code 0 on its stack, NT set, the back link to the old task, the old task's registers
# saved at the faulting instruction, both TSS descriptors busy and CR0.TS set.
.include "runtime.inc"
.set CR0_TS, 8
.text
.globl test_main
test_main:
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
    movw $104, tss_df+102                  # no I/O bitmap
    movl $8, %eax
    xorl %ebx, %ebx
    movl $TSS_DF, %ecx
    movl $0x8500, %edx                     # task gate
    call rt_set_gate
    movl $0, idt                           # vector 0 (#DE): not present
    movl $0, idt+4

    movl $0x1234, %eax
    movl $0x5678, %ecx
    xorl %edx, %edx
    xorl %ebx, %ebx
faulting:
    divl %ebx
    PUTS "no double fault\n"
    movb $EXIT_FAIL, %al
    jmp rt_exit

df_task:
    PUTS "in the double-fault task\n"
    str %ax
    movzwl %ax, %eax
    PRINT "tr", %eax
    PRINT "error code on the stack", 0(%esp)
    movl $dfstack_top, %eax
    subl %esp, %eax
    PRINT "stack used", %eax
    pushfl
    popl %eax
    andl $0x4000, %eax
    PRINT "eflags.nt", %eax
    movzwl tss_df, %eax
    PRINT "back link", %eax
    movl $faulting, %eax
    PRINT "faulting eip", %eax
    PRINT "saved eip", tss_main+32
    PRINT "saved eax", tss_main+40
    PRINT "saved ecx", tss_main+44
    movzwl tss_main+76, %eax
    PRINT "saved cs", %eax
    movzbl gdt+TSS_MAIN+5, %eax
    PRINT "old TSS access byte", %eax
    movzbl gdt+TSS_DF+5, %eax
    PRINT "new TSS access byte", %eax
    movl %cr0, %eax
    andl $CR0_TS, %eax
    PRINT "cr0.ts", %eax
    PUTS "done\n"
    movb $EXIT_PASS, %al
    jmp rt_exit
