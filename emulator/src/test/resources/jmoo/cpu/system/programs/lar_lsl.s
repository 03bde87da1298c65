# LAR, LSL, VERR and VERW on every kind of selector, from ring 0 and from ring 3: ZF tells
# whether the descriptor is visible, the destination is unchanged when it is not. LAR's
# bits 16..19 are undefined on Intel's word, so they are masked.
.include "runtime.inc"
.set CONF_CODE, SPARE0                     # conforming readable code, DPL 0
.set PAGE_DATA, SPARE0+0x08                # data, limit 0x12 pages
.set LDT_DESC, SPARE0+0x10                 # an LDT descriptor
.set CALL_GATE, SPARE0+0x18                # a 32-bit call gate, DPL 3
.set INT_GATE, SPARE0+0x20                 # an interrupt gate type (not valid for LAR)
.set XO_CODE, SPARE0+0x28                  # execute-only code, DPL 3
.set NP_DATA, SPARE0+0x30                  # data, not present, DPL 3
.set RO_DATA3, SPARE0+0x38                 # read-only data, DPL 3

.text
.globl test_main
test_main:
    movl $CONF_CODE, %eax
    xorl %ebx, %ebx
    movl $0xFFFFF, %ecx
    movl $0xC09F, %edx
    call rt_set_desc
    movl $PAGE_DATA, %eax
    movl $0x12, %ecx
    movl $0xC093, %edx
    call rt_set_desc
    movl $LDT_DESC, %eax
    movl $0x3FF, %ecx
    movl $0x0082, %edx
    call rt_set_desc
    movl $CALL_GATE, %eax
    movl $0x00EC, %edx
    call rt_set_desc
    movl $INT_GATE, %eax
    movl $0x008E, %edx
    call rt_set_desc
    movl $XO_CODE, %eax
    movl $0xFFFFF, %ecx
    movl $0xC0F9, %edx
    call rt_set_desc
    movl $NP_DATA, %eax
    movl $0xC073, %edx
    call rt_set_desc
    movl $RO_DATA3, %eax
    movl $0x4F1, %edx
    movl $0x7FFF, %ecx
    call rt_set_desc

    PUTS "-- ring 0\n"
    call check_all
    call print_results
    PUTS "-- ring 3\n"
    ENTER_USER check_all_user
    call print_results
    ret

check_all_user:
    call check_all
    USER_EXIT $0

# check_all: fills results with (selector, LAR zf, LAR value, LSL zf, LSL value, VERR zf,
# VERW zf) for each selector of the selectors list.
check_all:
    xorl %esi, %esi
    movl $results, %edi
1:  movzwl selectors(,%esi,2), %edx
    movl %edx, (%edi)
    movl $0xAAAAAAAA, %eax
    larl %edx, %eax
    setz %cl
    movzbl %cl, %ecx
    movl %ecx, 4(%edi)
    andl $0xFFF0FFFF, %eax
    movl %eax, 8(%edi)
    movl $0xAAAAAAAA, %eax
    lsll %edx, %eax
    setz %cl
    movl %ecx, 12(%edi)
    movl %eax, 16(%edi)
    verr %dx
    setz %cl
    movl %ecx, 20(%edi)
    verw %dx
    setz %cl
    movl %ecx, 24(%edi)
    addl $28, %edi
    incl %esi
    cmpl $SELECTOR_COUNT, %esi
    jb 1b
    ret

print_results:
    movl $results, %edi
    movl $SELECTOR_COUNT, %esi
1:  PUTS "sel="
    movl (%edi), %eax
    call rt_put_hex
    PUTS " lar="
    movl 4(%edi), %eax
    call rt_put_hex
    PUTS "/"
    movl 8(%edi), %eax
    call rt_put_hex
    PUTS " lsl="
    movl 12(%edi), %eax
    call rt_put_hex
    PUTS "/"
    movl 16(%edi), %eax
    call rt_put_hex
    PUTS " verr="
    movl 20(%edi), %eax
    call rt_put_hex
    PUTS " verw="
    movl 24(%edi), %eax
    call rt_put_hex
    PUTS "\n"
    addl $28, %edi
    decl %esi
    jnz 1b
    ret

.data
selectors:
    .word 0, 3, KCODE, KDATA, KDATA | 3, UCODE, UDATA, TSS_MAIN, TSS_DF
    .word CONF_CODE, CONF_CODE | 3, PAGE_DATA, LDT_DESC, CALL_GATE, INT_GATE
    .word XO_CODE | 3, NP_DATA | 3, RO_DATA3 | 3, 0x80, 0x78, 0x0C
.set SELECTOR_COUNT, (. - selectors) / 2
results: .fill SELECTOR_COUNT * 7, 4, 0
