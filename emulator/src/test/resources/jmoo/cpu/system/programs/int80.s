# A ring 3 program calling the kernel through int $0x80 (a DPL 3 trap gate) and int $0x81 (a
# DPL 3 interrupt gate): the handler runs on the TSS's SS0:ESP0 stack with the user's SS:ESP,
# EFLAGS, CS:EIP pushed, IF kept by the trap gate and cleared by the interrupt gate; IRET
# returns to ring 3 and nulls data segment registers holding ring 0 selectors. int $0x82 has
# a DPL 0 gate: #GP with the IDT error code. A ring 0 int $0x83 pushes no stack pointer.
.include "runtime.inc"
.set EFLAGS_SHOWN, 0x3ED5                  # arithmetic flags, IF, DF, IOPL
.text
.globl test_main
test_main:
    movl $0x80, %eax
    movl $observe, %ebx
    movl $KCODE, %ecx
    movl $0xEF00, %edx                     # trap gate, DPL 3
    call rt_set_gate
    movl $0x81, %eax
    movl $0xEE00, %edx                     # interrupt gate, DPL 3
    call rt_set_gate
    movl $0x82, %eax
    movl $0x8E00, %edx                     # interrupt gate, DPL 0
    call rt_set_gate
    movl $0x83, %eax
    call rt_set_gate

    PUTS "-- ring 3, IF=1\n"
    ENTER_USER user_calls, 0x202
    PRINT "user result", %eax

    PUTS "-- ring 3 int to a DPL 0 gate\n"
    EXPECT_FAULT 1
    ENTER_USER user_int82, 0x202
    PRINT "enter_user", %eax
    PRINT_EXC "int 0x82"

    PUTS "-- ring 0 int $0x83\n"
    movl %esp, %esi
    movl $7, %eax
    int $0x83
    PRINT "eax", %eax
    subl %esp, %esi
    PRINT "esp after iret - esp before", %esi
    movl %esp, %esi
    subl seen_esp, %esi
    PRINT "esp before - handler esp", %esi
    ret

# The gate handler: the runtime's syscalls (SYS_EXIT, SYS_PRINT) go to the runtime; any other
# eax prints what the CPU pushed and the stack it switched to and returns eax + 0x1000.
observe:
    cmpl $SYS_PRINT, %eax
    jbe rt_syscall
    movl %esp, %ss:seen_esp
    movw %ss, %ss:seen_ss
    pushfl
    popl %ss:seen_eflags
    movw %ds, %ss:seen_ds
    movw $KDATA, %dx
    movw %dx, %ds
    movl %esp, %edx
    PRINT "handler ss", seen_ss
    movl $istack_top, %ebx
    subl seen_esp, %ebx
    PRINT "istack_top - handler esp", %ebx
    movl seen_eflags, %ebx
    andl $0x3200, %ebx                     # IF and IOPL (the arithmetic flags are the cmpl's)
    PRINT "handler eflags", %ebx
    PRINT "handler ds", seen_ds
    PRINT "pushed eip", 0(%edx)
    PRINT "pushed cs", 4(%edx)
    movl 8(%edx), %ebx
    andl $EFLAGS_SHOWN, %ebx
    PRINT "pushed eflags", %ebx
    testl $3, 4(%edx)
    jz 1f
    PRINT "pushed esp", 12(%edx)
    PRINT "pushed ss", 16(%edx)
1:  addl $0x1000, %eax
    testl $3, 4(%edx)
    jz 3f
    movw $KDATA, %bx                       # ring 0 selectors in DS and ES: IRET nulls them
    movw %bx, %ds
    movw %bx, %es
    iret
3:  iret

user_calls:
    movl $0x21, %eax
    int $0x80
    movl %eax, %edi
    movw %ds, %ax
    movw %es, %bx
    movw %fs, %cx
    movzwl %ax, %eax
    movzwl %bx, %ebx
    movzwl %cx, %ecx
    movl %eax, %ebp
    movw %ss, %ax                          # reload DS and ES from SS (a user selector)
    movw %ax, %ds
    movw %ax, %es
    movl %ecx, user_fs
    movl %ebx, user_es
    movl %ebp, user_ds
    USER_PRINT "user ds after iret", user_ds
    USER_PRINT "user es after iret", user_es
    USER_PRINT "user fs after iret", user_fs
    USER_PRINT "user eax after int 0x80", %edi
    movl $0x22, %eax
    int $0x81
    movw %ss, %bx
    movw %bx, %ds
    movw %bx, %es
    movl %eax, %edi
    pushfl
    popl %esi
    andl $EFLAGS_SHOWN, %esi
    USER_PRINT "user eax after int 0x81", %edi
    USER_PRINT "user eflags", %esi
    movl $0x5A5A, %ebx
    xorl %eax, %eax
    int $0x80

user_int82:
    int $0x82
    USER_EXIT $0

.data
seen_esp: .long 0
seen_ss: .long 0
seen_ds: .long 0
seen_eflags: .long 0
user_ds: .long 0
user_es: .long 0
user_fs: .long 0
