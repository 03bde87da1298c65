# The BCD adjusts, which a 64-bit host cannot run natively, over all their inputs: DAA, DAS,
# AAA (bcd_aas: AAS) for every AL with each CF/AF combination; AAM and AAD (base 10 and 7) for every AL
# or AH/AL pair. Only the flags the manual defines for each instruction are shown.
.include "runtime.inc"
.include "bcd.inc"

# AAD_AAM_TABLE label, insn: for AH (in %edi) 0..255, a checksum over AL 0..255 of AX and
# the defined flags SF ZF PF after the instruction \insn.
.macro AAD_AAM_TABLE label, insn:vararg
    PUTS "-- \label (checksum over AL per AH)\n"
    xorl %edi, %edi
1:  xorl %esi, %esi
    xorl %ebp, %ebp
2:  movl %edi, %eax
    movb %al, %ah
    movl %esi, %ebx
    movb %bl, %al
    pushl $2
    popfl
    \insn
    pushfl
    popl %ebx
    andl $0xC4, %ebx
    andl $0xFFFF, %eax
    shll $16, %ebx
    orl %ebx, %eax
    imull $31, %ebp
    addl %eax, %ebp
    incl %esi
    cmpl $256, %esi
    jb 2b
    movl %edi, %eax
    call rt_put_hex2
    PUTS ": "
    movl %ebp, %eax
    call rt_put_hex
    PUTS "\n"
    addl $1, %edi
    cmpl $256, %edi
    jb 1b
.endm

.text
.globl test_main
test_main:
    ADJUST_TABLE daa, 0xD5
    ADJUST_TABLE das, 0xD5
    ADJUST_TABLE aaa, 0x11
    AAD_AAM_TABLE "aam 10", aam
    AAD_AAM_TABLE "aam 7", .byte 0xD4, 7
    AAD_AAM_TABLE "aad 10", aad
    AAD_AAM_TABLE "aad 7", .byte 0xD5, 7
    ret
