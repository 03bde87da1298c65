# Undefined and invalid encodings raise #UD with EIP at the instruction, and execution goes on.
# (ud_lock: the LOCK prefix. Left out because QEMU's TCG accepts them though a 486 does not: LOCK MOV, MMX opcodes;
# SYSENTER, which QEMU faults with #GP.)
.include "runtime.inc"

# UD_CASE "label", bytes...: executes the bytes in ring 0, expecting #UD.
.macro UD_CASE label, bytes:vararg
    EXPECT_FAULT 1f
    .byte \bytes
1:  PRINT_EXC "\label"
.endm

# VALID_CASE "label", instruction...: executes the instruction, expecting no exception.
.macro VALID_CASE label, insn:vararg
    EXPECT_FAULT 1f
    \insn
1:  PRINT_EXC "\label"
.endm

.text
.globl test_main
test_main:
    UD_CASE "ud2", 0x0F, 0x0B
    UD_CASE "ud1", 0x0F, 0xB9, 0xC0
    UD_CASE "ud0", 0x0F, 0xFF, 0xC0
    UD_CASE "lea with a register operand", 0x8D, 0xC0
    UD_CASE "les with a register operand", 0xC4, 0xC0
    UD_CASE "lds with a register operand", 0xC5, 0xC0
    UD_CASE "bound with a register operand", 0x62, 0xC0
    UD_CASE "far call through a register", 0xFF, 0xD8
    UD_CASE "far jmp through a register", 0xFF, 0xE8
    UD_CASE "ff /7", 0xFF, 0xF8
    UD_CASE "fe /2", 0xFE, 0xD0
    UD_CASE "mov to sreg 6", 0x8E, 0xF0
    UD_CASE "mov to cs", 0x8E, 0xC8
    UD_CASE "mov from cr1", 0x0F, 0x20, 0xC8
    UD_CASE "mov to cr5", 0x0F, 0x22, 0xE8
    UD_CASE "0f 00 /6", 0x0F, 0x00, 0xF0
    UD_CASE "lgdt with a register operand", 0x0F, 0x01, 0xD0
    UD_CASE "syscall", 0x0F, 0x05
    UD_CASE "sse movaps", 0x0F, 0x28, 0xC0
    PUTS "-- valid encodings on this CPU\n"
    VALID_CASE "cmove", cmovel %eax, %ebx
    VALID_CASE "cpuid", cpuid
    VALID_CASE "bswap", bswapl %eax
    VALID_CASE "cmpxchg", cmpxchgl %edx, %ecx
    VALID_CASE "xadd", xaddl %edx, %ecx
    VALID_CASE "invlpg", invlpg test_page0
    ret
