# Runtime linked into every CPU system-test guest program. It starts in either entry state
# (QEMU's multiboot loader, or jmoo's Linux-boot-protocol state: flat 32-bit protected mode),
# loads its own GDT/IDT/TSS so both agree, and calls the program's test_main.
.include "runtime.inc"

.section .multiboot, "a"
.align 4
.long 0x1BADB002, 0, -0x1BADB002          # multiboot magic, flags 0 (ELF), checksum

.text
.globl _start
_start:
    cli
    lgdt gdt_ptr
    ljmp $KCODE, $1f
1:  movw $KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    movl $kstack_top, %esp
    xorl %eax, %eax
    lldt %ax                               # no LDT (QEMU's LDTR still holds its reset value)
    pushl $2
    popfl
    movb $0xFF, %al                       # mask both PICs (QEMU's BIOS programmed them)
    outb %al, $0x21
    outb %al, $0xA1
    call rt_setup_tss
    call rt_setup_idt
    call test_main
    PUTS "done\n"
    movb $EXIT_PASS, %al
    jmp rt_exit

# rt_exit: ends the run with code %al.
.globl rt_exit
rt_exit:
    outb %al, $PORT_EXIT
    cli
2:  hlt
    jmp 2b

rt_setup_tss:
    movl $istack_top, tss_main+4           # ESP0
    movl $KDATA, tss_main+8                # SS0
    movw $104, tss_main+102                # I/O map base beyond the limit: no bitmap
    movl $TSS_MAIN, %eax
    movl $tss_main, %ebx
    movl $103, %ecx
    movl $0x0089, %edx                     # present, DPL 0, available 32-bit TSS
    call rt_set_desc
    movl $TSS_DF, %eax
    movl $tss_df, %ebx
    call rt_set_desc
    movw $TSS_MAIN, %ax
    ltr %ax
    ret

rt_setup_idt:
    xorl %eax, %eax
1:  movl exc_stub_table(,%eax,4), %ebx
    movl $KCODE, %ecx
    movl $0x8E00, %edx                     # interrupt gate, DPL 0
    call rt_set_gate
    movl $rt_record_resume, exc_handlers(,%eax,4)
    incl %eax
    cmpl $32, %eax
    jb 1b
    movl $0x80, %eax
    movl $rt_syscall, %ebx
    movl $0xEF00, %edx                     # trap gate, DPL 3
    call rt_set_gate
    lidt idt_ptr
    ret

# rt_set_desc: GDT descriptor %eax (selector) = base %ebx, limit %ecx (20 bits),
# %edx = access byte | flags nibble << 12 (e.g. 0xC093). Preserves registers.
.globl rt_set_desc
rt_set_desc:
    pushl %esi
    pushl %edi
    movl %eax, %esi
    andl $0xFFF8, %esi
    addl $gdt, %esi
    movw %cx, (%esi)                       # limit 15..0
    movw %bx, 2(%esi)                      # base 15..0
    movl %ebx, %edi
    shrl $16, %edi
    movl %edi, %eax
    movb %al, 4(%esi)                      # base 23..16
    movb %dl, 5(%esi)                      # access byte
    movl %ecx, %eax
    shrl $16, %eax
    andb $0x0F, %al
    movb %dh, %ah
    andb $0xF0, %ah
    orb %ah, %al
    movb %al, 6(%esi)                      # flags | limit 19..16
    movl %ebx, %eax
    shrl $24, %eax
    movb %al, 7(%esi)                      # base 31..24
    movl %esi, %eax
    subl $gdt, %eax
    popl %edi
    popl %esi
    ret

# rt_set_gate: IDT gate %eax (vector) = offset %ebx, selector %ecx, type word %edx
# (0x8E00 interrupt gate, 0x8F00 trap gate, 0x8500 task gate; | 0x6000 for DPL 3).
.globl rt_set_gate
rt_set_gate:
    pushl %esi
    leal idt(,%eax,8), %esi
    movw %bx, (%esi)
    movw %cx, 2(%esi)
    movw %dx, 4(%esi)
    pushl %ebx
    shrl $16, %ebx
    movw %bx, 6(%esi)
    popl %ebx
    popl %esi
    ret

# Exception stubs: push a zero error code where the CPU pushes none, then the vector.
.macro EXC_STUB vec
exc_stub_\vec:
    .if (\vec == 8) || (\vec == 10) || (\vec == 11) || (\vec == 12) || (\vec == 13) || (\vec == 14) || (\vec == 17)
    .else
    pushl $0
    .endif
    pushl $\vec
    jmp exc_common
.endm
.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    EXC_STUB \v
.endr

exc_common:
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movw $KDATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movl %esp, %ebp
    movl F_VEC(%ebp), %eax
    call *exc_handlers(,%eax,4)
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp
    iret

# The default handler: records the exception; continues at fault_resume (ring 0) or ends
# enter_user (ring 3); an exception nobody expected prints its details and fails the run.
.globl rt_record_resume
rt_record_resume:
    movl F_VEC(%ebp), %eax
    movl %eax, exc_vector
    movl F_ERR(%ebp), %eax
    movl %eax, exc_error
    movl F_EIP(%ebp), %eax
    movl %eax, exc_eip
    movl %cr2, %eax
    movl %eax, exc_cr2
    movl fault_resume, %eax
    testl %eax, %eax
    jz rt_unexpected
    movl $0, fault_resume
    testl $3, F_CS(%ebp)
    jnz 1f
    movl %eax, F_EIP(%ebp)
    ret
1:  movl F_VEC(%ebp), %eax
    orl $0xDEAD0000, %eax
    jmp rt_user_return

rt_unexpected:
    PUTS "unexpected exception"
    PRINT " vec", F_VEC(%ebp)
    PRINT " err", F_ERR(%ebp)
    PRINT " eip", F_EIP(%ebp)
    PRINT " cs", F_CS(%ebp)
    movl %cr2, %eax
    PRINT " cr2", %eax
    movb $EXIT_FAIL, %al
    jmp rt_exit

# rt_print_exc(label): see PRINT_EXC.
.globl rt_print_exc
rt_print_exc:
    pushal
    pushl 36(%esp)
    call rt_puts
    cmpl $-1, exc_vector
    jne 1f
    PUTS " no exception\n"
    jmp 2f
1:  PUTS " vec="
    movl exc_vector, %eax
    call rt_put_hex
    PUTS " err="
    movl exc_error, %eax
    call rt_put_hex
    PUTS " eip="
    movl exc_eip, %eax
    call rt_put_hex
    cmpl $14, exc_vector
    jne 3f
    PUTS " cr2="
    movl exc_cr2, %eax
    call rt_put_hex
3:  PUTS "\n"
    movl $-1, exc_vector
2:  popal
    ret $4

# rt_puts(string): writes a NUL-terminated string. Preserves registers; clears DF.
.globl rt_puts
rt_puts:
    pushl %esi
    pushl %eax
    movl 12(%esp), %esi
    cld
1:  lodsb
    testb %al, %al
    jz 2f
    outb %al, $PORT_CON
    jmp 1b
2:  popl %eax
    popl %esi
    ret $4

# rt_print_labeled(label, value): writes "label=XXXXXXXX\n". Preserves registers.
.globl rt_print_labeled
rt_print_labeled:
    pushl %eax
    pushl 8(%esp)
    call rt_puts
    movb $'=', %al
    outb %al, $PORT_CON
    movl 12(%esp), %eax
    call rt_put_hex
    movb $'\n', %al
    outb %al, $PORT_CON
    popl %eax
    ret $8

# rt_put_hex: writes %eax as 8 hex digits. Preserves registers.
.globl rt_put_hex
rt_put_hex:
    pushl %ecx
    pushl %edx
    movl %eax, %edx
    movl $8, %ecx
1:  roll $4, %edx
    movl %edx, %eax
    andl $0xF, %eax
    movb hex_digits(%eax), %al
    outb %al, $PORT_CON
    loop 1b
    movl %edx, %eax
    popl %edx
    popl %ecx
    ret

# rt_put_hex2 / rt_put_hex4: the low 8 / 16 bits of %eax in hex. Preserve registers.
.globl rt_put_hex2, rt_put_hex4
rt_put_hex2:
    pushal
    movl %eax, %edx
    shll $24, %edx
    movl $2, %ecx
    jmp 1f
rt_put_hex4:
    pushal
    movl %eax, %edx
    shll $16, %edx
    movl $4, %ecx
1:  roll $4, %edx
    movl %edx, %eax
    andl $0xF, %eax
    movb hex_digits(%eax), %al
    outb %al, $PORT_CON
    loop 1b
    popal
    ret

# rt_enter_user: runs %eax in ring 3 with stack %ebx and EFLAGS %ecx until it makes SYS_EXIT
# (or faults with an expected fault). Returns the exit value in %eax.
.globl rt_enter_user
rt_enter_user:
    pushl %ebp
    pushl %esi
    pushl %edi
    pushl %ebx
    movl %esp, saved_kernel_esp
    movw $UDATA, %dx
    movw %dx, %ds
    movw %dx, %es
    movw %dx, %fs
    movw %dx, %gs
    pushl $UDATA
    pushl %ebx
    pushl %ecx
    pushl $UCODE
    pushl %eax
    iret

# rt_user_return: from a ring 0 handler, abandons the user program; enter_user returns %eax.
.globl rt_user_return
rt_user_return:
    movw $KDATA, %dx
    movw %dx, %ds
    movw %dx, %es
    movw %dx, %fs
    movw %dx, %gs
    movl saved_kernel_esp, %esp
    pushl $2
    popfl
    popl %ebx
    popl %edi
    popl %esi
    popl %ebp
    ret

.globl rt_syscall
rt_syscall:
    cmpl $SYS_EXIT, %eax
    jne 1f
    movl %ebx, %eax
    jmp rt_user_return
1:  cmpl $SYS_PRINT, %eax
    jne 2f
    pushl %ebx
    pushl %ecx
    call rt_print_labeled
    iret
2:  PRINT "bad syscall", %eax
    movb $EXIT_FAIL, %al
    jmp rt_exit

# paging_on: identity-maps 0..4 MiB with user, writable 4 KiB pages (page_table0) and sets
# CR3 and CR0.PG. The programs edit the entries (PTE_ADDR) to make the cases they test.
.globl paging_on
paging_on:
    pushal
    movl $page_table0, %edi
    movl $(PG_P | PG_RW | PG_US), %eax
    movl $1024, %ecx
1:  stosl
    addl $0x1000, %eax
    loop 1b
    movl $page_table0, %eax
    orl $(PG_P | PG_RW | PG_US), %eax
    movl %eax, page_dir
    movl $page_dir, %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $CR0_PG, %eax
    movl %eax, %cr0
    jmp 2f
2:  popal
    ret

# pf_fix_and_retry: a page-fault handler that prints "#PF err=.. cr2=.. eip=.. cs=..", then
# grants ONE missing right (PDE first: present -> alias of page_table0, U/S, R/W; then the PTE:
# P, U/S, R/W) and returns so the faulting instruction restarts. Counts into pf_count.
.globl pf_fix_and_retry
pf_fix_and_retry:
    PUTS "#PF err="
    movl F_ERR(%ebp), %eax
    call rt_put_hex
    PUTS " cr2="
    movl %cr2, %eax
    call rt_put_hex
    PUTS " eip="
    movl F_EIP(%ebp), %eax
    call rt_put_hex
    PRINT " cs", F_CS(%ebp)
    incl pf_count
    movl F_ERR(%ebp), %edx
    movl %cr2, %eax
    shrl $22, %eax
    leal page_dir(,%eax,4), %ebx
    testl $PG_P, (%ebx)
    jnz 1f
    movl $(page_table0 + PG_P + PG_RW + PG_US), (%ebx)
    jmp 9f
1:  call grant_one_right
    jnc 9f
    movl (%ebx), %ebx
    andl $0xFFFFF000, %ebx
    movl %cr2, %eax
    shrl $12, %eax
    andl $0x3FF, %eax
    leal (%ebx,%eax,4), %ebx
    testl $PG_P, (%ebx)
    jnz 2f
    orl $PG_P, (%ebx)
    jmp 9f
2:  call grant_one_right
    jnc 9f
    PUTS "pf_fix_and_retry: nothing to fix\n"
    movb $EXIT_FAIL, %al
    jmp rt_exit
9:  movl %cr2, %eax
    invlpg (%eax)
    ret

# grant_one_right: entry (%ebx), error code %edx: sets U/S if a user access lacks it, else R/W
# if a write lacks it; carry set when neither applied.
grant_one_right:
    testl $PG_US, %edx
    jz 1f
    testl $PG_US, (%ebx)
    jnz 1f
    orl $PG_US, (%ebx)
    clc
    ret
1:  testl $PG_RW, %edx
    jz 2f
    testl $PG_RW, (%ebx)
    jnz 2f
    orl $PG_RW, (%ebx)
    clc
    ret
2:  stc
    ret

.section .rodata
hex_digits: .ascii "0123456789abcdef"

.data
.align 8
.globl gdt
gdt:
    .quad 0
    .quad 0
    .quad 0x00CF9B000000FFFF                # 0x10 kernel code, flat, accessed
    .quad 0x00CF93000000FFFF                # 0x18 kernel data, flat, accessed
    .quad 0x00CFFB000000FFFF                # 0x20 user code (selector 0x23)
    .quad 0x00CFF3000000FFFF                # 0x28 user data (selector 0x2B)
    .fill GDT_SLOTS - 6, 8, 0               # TSS_MAIN, TSS_DF, spare slots
gdt_end:
.align 4
    .word 0
gdt_ptr:
    .word gdt_end - gdt - 1
    .long gdt
    .word 0
idt_ptr:
    .word 256 * 8 - 1
    .long idt

.align 4
.globl exc_stub_table
exc_stub_table:
.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .long exc_stub_\v
.endr

.globl exc_vector, exc_error, exc_eip, exc_cr2, fault_resume, saved_kernel_esp, exc_handlers
exc_vector: .long -1
exc_error: .long 0
exc_eip: .long 0
exc_cr2: .long 0
fault_resume: .long 0
saved_kernel_esp: .long 0
exc_handlers: .fill 32, 4, 0
.globl pf_count
pf_count: .long 0

.bss
.align 4096
.globl page_dir, page_table0, test_page0, test_page1, test_page2, test_page3, tss_main, tss_df
.globl kstack_top, istack_top, ustack_top, dfstack_top, idt
page_dir: .fill 1024, 4, 0
page_table0: .fill 1024, 4, 0
test_page0: .fill 4096, 1, 0
test_page1: .fill 4096, 1, 0
test_page2: .fill 4096, 1, 0
test_page3: .fill 4096, 1, 0
idt: .fill 256, 8, 0
tss_main: .fill 128, 1, 0
tss_df: .fill 128, 1, 0
.align 16
    .fill 16384, 1, 0
kstack_top:
    .fill 8192, 1, 0
istack_top:
    .fill 8192, 1, 0
ustack_top:
    .fill 8192, 1, 0
dfstack_top:
