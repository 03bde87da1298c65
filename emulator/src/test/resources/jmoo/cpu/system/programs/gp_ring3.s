# Privileged and I/O-sensitive instructions in ring 3: with IOPL 0 each raises #GP(0) at the
# instruction itself; with IOPL 3, CLI/STI/IN/OUT are allowed but HLT and MOV CR stay
# privileged. SGDT/SIDT/STR/SMSW are not privileged on a 486.
.include "runtime.inc"

# GP_CASE name, eflags: runs user_<name> in ring 3, expecting it to fault.
.macro GP_CASE name, eflags
    EXPECT_FAULT 1
    ENTER_USER user_\name, \eflags
    PUTS "\name"
    PRINT " (\eflags) enter_user", %eax
    PRINT_EXC "   "
.endm

.text
.globl test_main
test_main:
    PUTS "-- IOPL 0\n"
    GP_CASE cli, 0x2
    GP_CASE sti, 0x2
    GP_CASE hlt, 0x2
    GP_CASE in, 0x2
    GP_CASE out, 0x2
    GP_CASE insb, 0x2
    GP_CASE outsb, 0x2
    GP_CASE mov_from_cr0, 0x2
    GP_CASE mov_to_cr3, 0x2
    GP_CASE mov_from_dr7, 0x2
    GP_CASE lgdt, 0x2
    GP_CASE lidt, 0x2
    GP_CASE ltr, 0x2
    GP_CASE lldt, 0x2
    GP_CASE lmsw, 0x2
    GP_CASE clts, 0x2
    GP_CASE invlpg, 0x2
    GP_CASE invd, 0x2
    GP_CASE wbinvd, 0x2
    GP_CASE unprivileged, 0x2
    PUTS "-- IOPL 3\n"
    GP_CASE cli, 0x3002
    GP_CASE sti, 0x3002
    GP_CASE in, 0x3002
    GP_CASE out, 0x3002
    GP_CASE hlt, 0x3002
    GP_CASE mov_from_cr0, 0x3002
    ret

user_cli:
    cli
    pushfl
    popl %ebx
    andl $0x3200, %ebx
    USER_EXIT %ebx
user_sti:
    sti
    pushfl
    popl %ebx
    andl $0x3200, %ebx
    USER_EXIT %ebx
user_hlt:
    hlt
    USER_EXIT $0
user_in:
    movw $0x80, %dx
    inb %dx, %al
    USER_EXIT $0x1A
user_out:
    movb $0, %al
    outb %al, $0x80
    USER_EXIT $0x0A
user_insb:
    movl $test_page0, %edi
    movw $0x80, %dx
    insb
    USER_EXIT $0
user_outsb:
    movl $test_page0, %esi
    movw $0x80, %dx
    outsb
    USER_EXIT $0
user_mov_from_cr0:
    movl %cr0, %eax
    USER_EXIT $0
user_mov_to_cr3:
    xorl %eax, %eax
    movl %eax, %cr3
    USER_EXIT $0
user_mov_from_dr7:
    movl %dr7, %eax
    USER_EXIT $0
user_lgdt:
    lgdt test_page0
    USER_EXIT $0
user_lidt:
    lidt test_page0
    USER_EXIT $0
user_ltr:
    movw $TSS_DF, %ax
    ltr %ax
    USER_EXIT $0
user_lldt:
    xorl %eax, %eax
    lldt %ax
    USER_EXIT $0
user_lmsw:
    movw $1, %ax
    lmsw %ax
    USER_EXIT $0
user_clts:
    clts
    USER_EXIT $0
user_invlpg:
    invlpg test_page0
    USER_EXIT $0
user_invd:
    invd
    USER_EXIT $0
user_wbinvd:
    wbinvd
    USER_EXIT $0
user_unprivileged:
    sgdt test_page0
    sidt test_page0+8
    str %ax
    movzwl %ax, %eax
    USER_PRINT "  str", %eax
    movzwl test_page0, %esi
    USER_PRINT "  sgdt limit", %esi
    USER_PRINT "  sgdt base", test_page0+2
    movzwl test_page0+8, %esi
    USER_PRINT "  sidt limit", %esi
    USER_PRINT "  sidt base", test_page0+10
    smsw %ax
    andl $1, %eax
    USER_PRINT "  smsw.pe", %eax
    USER_EXIT $0x600D
