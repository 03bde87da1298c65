# Far transfers between code segments: CALL/JMP with a selector:offset, indirect through a
# memory far pointer, RET far with an immediate, a code segment with a nonzero base and a
# 16-bit code segment; a far call to a ring 3 code segment from ring 0 is #GP(selector).
.include "runtime.inc"
.set BASED_CODE, SPARE0                    # ring 0 code, base 0x100000
.set CODE16, SPARE0+0x08                   # ring 0 16-bit code, base 0x100000, limit 0xFFFF
.set BASE, 0x100000

.text
.globl test_main
test_main:
    movl $BASED_CODE, %eax
    movl $BASE, %ebx
    movl $0xFFFFF - 0x100, %ecx            # limit in pages: up to 4 GiB - 1 MiB
    movl $0xC09B, %edx
    call rt_set_desc
    movl $CODE16, %eax
    movl $0xFFFF, %ecx
    movl $0x009B, %edx
    call rt_set_desc

    PUTS "-- lcall to a based segment, lret $8\n"
    movl %esp, %edi
    pushl $0x1111
    pushl $0x2222
    lcall $BASED_CODE, $(far_callee - BASE)
    subl %esp, %edi
    PRINT "returned eax", %eax
    PRINT "stack delta", %edi

    PUTS "-- indirect lcall through memory\n"
    movl %esp, %edi
    pushl $0x3333
    pushl $0x4444
    lcall *far_pointer
    subl %esp, %edi
    PRINT "returned eax", %eax
    PRINT "stack delta", %edi

    PUTS "-- ljmp there and back\n"
    ljmp $BASED_CODE, $(far_jump_target - BASE)
back_from_jump:
    movw %cs, %ax
    movzwl %ax, %eax
    PRINT "cs after ljmp back", %eax
    PRINT "ebx from the based segment", %ebx

    PUTS "-- lcall into a 16-bit code segment\n"
    lcall $CODE16, $(code16 - BASE)
    PRINT "returned eax", %eax

    PUTS "-- lcall to a ring 3 code segment from ring 0\n"
    EXPECT_FAULT 1f
    lcall $UCODE, $test_main
1:  PRINT_EXC "lcall 0x23"
    ret

# Runs with CS = BASED_CODE: EIP is the offset from 1 MiB; relative calls work unchanged.
far_callee:
    movw %cs, %ax
    movzwl %ax, %eax
    PRINT "callee cs", %eax
    call 1f
1:  popl %eax
    PRINT "callee eip", %eax
    PRINT "pushed eip", 0(%esp)
    PRINT "pushed cs", 4(%esp)
    PRINT "first argument", 12(%esp)
    PRINT "second argument", 8(%esp)
    movl 8(%esp), %eax
    addl 12(%esp), %eax
    lret $8

far_jump_target:
    movl $(1f - BASE), %ebx
1:  ljmp $KCODE, $back_from_jump

.code16
code16:
    movl $0x16160000, %eax
    movw %cs, %ax
    lretl
.code32

.data
far_pointer:
    .long far_callee - BASE
    .word BASED_CODE
