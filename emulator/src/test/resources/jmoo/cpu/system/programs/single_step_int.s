# A software interrupt executed with EFLAGS.TF set: the CPU clears TF for the handler and
# raises no single-step trap for the INT itself; single-stepping resumes after the IRET.
.include "runtime.inc"
.set TF, 0x100
.text
.globl test_main
test_main:
    movl $1, %eax
    movl $db_handler, %ebx
    movl $KCODE, %ecx
    movl $0x8E00, %edx
    call rt_set_gate

    PUTS "-- ring 0: a software interrupt under TF\n"
    movl $0, steps
    movl $0x81, %eax
    movl $int_handler, %ebx
    movl $KCODE, %ecx
    movl $0x8E00, %edx
    call rt_set_gate
    pushfl
    orl $TF, (%esp)
    popfl
    int $0x81
    nop
    pushfl
    andl $~TF, (%esp)
    popfl
    PRINT "steps", steps

    ret

# Prints the address after each traced instruction and TF as the handler and the frame see it.
db_handler:
    incl %ss:steps
    pushl %eax
    movl %ss:steps, %eax
    cmpl $12, %eax
    ja 1f
    PUTS "#DB eip="
    movl 4(%esp), %eax
    call rt_put_hex
    PUTS " pushed tf="
    movl 12(%esp), %eax
    andl $TF, %eax
    call rt_put_hex
    pushfl
    popl %eax
    andl $TF, %eax
    PRINT " handler tf", %eax
1:  popl %eax
    iret

int_handler:
    PUTS "in int 0x81\n"
    iret

.data
steps: .long 0
