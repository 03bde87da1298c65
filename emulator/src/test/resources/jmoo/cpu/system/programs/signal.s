# Signal delivery the Linux way: a ring 3 divide error enters the kernel, which builds a
# signal frame on the user stack and rewrites the IRET frame to run a ring 3 handler; the
# handler edits the saved registers and returns through a trampoline's sigreturn syscall;
# the kernel restores them and the faulting DIV restarts, now with a nonzero divisor.
.include "runtime.inc"
.set SYS_SIGRETURN, 3
.set SIGFPE, 8
.text
.globl test_main
test_main:
    movl $deliver_sigfpe, exc_handlers+0*4
    movl $0x80, %eax
    movl $sig_syscall, %ebx
    movl $KCODE, %ecx
    movl $0xEF00, %edx
    call rt_set_gate
    ENTER_USER user_main
    PRINT "user program", %eax
    ret

# The #DE handler (from the runtime's stub, %ebp = frame): a frame of [trampoline, signo,
# eip, eax, ecx, edx] goes on the user stack and the user resumes in its handler.
deliver_sigfpe:
    testl $3, F_CS(%ebp)
    jz rt_unexpected_from_handler
    PRINT "kernel: #DE at", F_EIP(%ebp)
    movl F_USER_ESP(%ebp), %edi
    subl $24, %edi
    movl $sigreturn_trampoline, 0(%edi)
    movl $SIGFPE, 4(%edi)
    movl F_EIP(%ebp), %eax
    movl %eax, 8(%edi)
    movl F_EAX(%ebp), %eax
    movl %eax, 12(%edi)
    movl F_ECX(%ebp), %eax
    movl %eax, 16(%edi)
    movl F_EDX(%ebp), %eax
    movl %eax, 20(%edi)
    movl %edi, F_USER_ESP(%ebp)
    movl $user_handler, F_EIP(%ebp)
    ret

rt_unexpected_from_handler:
    PUTS "#DE in ring 0\n"
    movb $EXIT_FAIL, %al
    jmp rt_exit

sig_syscall:
    cmpl $SYS_SIGRETURN, %eax
    jne rt_syscall
    movl 12(%esp), %ebx                    # the user ESP: at signo
    PRINT "kernel: sigreturn, user esp points at signo", 0(%ebx)
    movl 4(%ebx), %eax
    movl %eax, 0(%esp)                     # EIP
    movl 8(%ebx), %eax
    movl 12(%ebx), %ecx
    movl 16(%ebx), %edx
    addl $20, %ebx
    movl %ebx, 12(%esp)                    # ESP back where the fault left it
    iret

user_main:
    movl %esp, %esi
    movl $100, %eax
    xorl %edx, %edx
    xorl %ecx, %ecx
faulting_div:
    divl %ecx
    movl %eax, %edi
    subl %esp, %esi
    USER_PRINT "quotient", %edi
    USER_PRINT "esp moved", %esi
    USER_EXIT $0x51
user_handler:
    movl 4(%esp), %ebx
    USER_PRINT "handler: signal", %ebx
    movl 8(%esp), %ebx
    USER_PRINT "handler: saved eip", %ebx
    movl $2, 16(%esp)                      # the saved ECX: divide by 2 instead
    ret
sigreturn_trampoline:
    movl $SYS_SIGRETURN, %eax
    int $0x80
