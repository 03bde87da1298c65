# EFLAGS.TF: after each instruction #DB (vector 1) is raised with EIP after the instruction;
# the handler sees TF cleared in its own EFLAGS and set in the pushed one. POPF setting TF traps
# only after the next instruction. Also in ring 3. (single_step_int: INT under TF.)
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

    PUTS "-- ring 0: popf sets TF, three instructions, popf clears it\n"
    movl $0, steps
    pushfl
    orl $TF, (%esp)
    popfl
    movl $1, %eax
    addl $2, %eax
    xchgl %eax, %ebx
    pushfl
    andl $~TF, (%esp)
    popfl
    PRINT "steps", steps
    PRINT "ebx", %ebx

    PUTS "-- ring 3\n"
    movl $0, steps
    ENTER_USER user_steps, 0x302
    PRINT "user steps", steps
    ret

user_steps:
    movl $5, %ecx
1:  loop 1b
    movl steps, %ebx
    pushfl
    andl $~TF, (%esp)
    popfl
    USER_EXIT %ebx

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

.data
steps: .long 0
