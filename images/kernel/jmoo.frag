# jmoo guest kernel: merged over `make ARCH=i386 tinyconfig` (see build-kernel.sh).
# Target CPU (DESIGN.md section 3): i486 integer set + CMOV + CPUID, no FPU (the kernel
# emulates x87), no TSC/PSE/VME/APIC; PC devices: 8259, 8254, 16550A, CMOS RTC, i8042 reset.

# --- architecture and CPU
CONFIG_X86_32=y
CONFIG_PROCESSOR_SELECT=y
CONFIG_CPU_SUP_INTEL=y
# CONFIG_CPU_SUP_AMD is not set
# CONFIG_CPU_SUP_HYGON is not set
# CONFIG_CPU_SUP_CENTAUR is not set
# CONFIG_CPU_SUP_ZHAOXIN is not set
# CONFIG_CPU_SUP_CYRIX_32 is not set
# CONFIG_CPU_SUP_UMC_32 is not set
# CONFIG_CPU_SUP_TRANSMETA_32 is not set
# CONFIG_CPU_SUP_VORTEX_32 is not set
# plain M486 cannot select MATH_EMULATION in 6.1; M486SX can
CONFIG_M486SX=y
CONFIG_MATH_EMULATION=y
CONFIG_MODIFY_LDT_SYSCALL=y
# CONFIG_SMP is not set
# CONFIG_PCI is not set
# CONFIG_ACPI is not set
# CONFIG_MODULES is not set
# CONFIG_X86_UP_APIC is not set
# CONFIG_HPET_TIMER is not set
# CONFIG_RELOCATABLE is not set
CONFIG_HZ_100=y
# tinyconfig's SLOB walks a list of partly used pages on every allocation: with it, ~35 M of the
# ~138 M instructions to the shell banner, and ~40% of a dd write (a bio per page), went into
# slob_page_alloc/slob_next (measured with `./jmoo bench boot --profile`). SLUB is O(1).
# CONFIG_SLOB is not set
CONFIG_SLUB=y
# SLUB's debug support also registers every cache in sysfs at boot (~2.7 M instructions)
# CONFIG_SLUB_DEBUG is not set

# --- the CMOS RTC: the guest's clock starts at the RTC's time (jmoo's virtual clock plus the
# run's recorded start time), /dev/rtc0 and hwclock work, and its interrupts reach the guest
CONFIG_RTC_CLASS=y
CONFIG_RTC_HCTOSYS=y
CONFIG_RTC_HCTOSYS_DEVICE="rtc0"
CONFIG_RTC_INTF_DEV=y
CONFIG_RTC_DRV_CMOS=y

# --- console and diagnostics
CONFIG_PRINTK=y
CONFIG_EARLY_PRINTK=y
CONFIG_TTY=y
# CONFIG_VT is not set
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_SERIAL_8250_NR_UARTS=1
CONFIG_SERIAL_8250_RUNTIME_UARTS=1
# CONFIG_SERIAL_8250_EXTENDED is not set
CONFIG_MAGIC_SYSRQ=y
CONFIG_MAGIC_SYSRQ_SERIAL=y
CONFIG_KALLSYMS=y
# 32 KiB of kernel log (the boot's fits): the default 128 KiB puts 360 KiB of printk ring
# descriptors into .data, which the bzImage decompresses at every boot (~1.2 M instructions)
CONFIG_LOG_BUF_SHIFT=15
# no crypto API, but this switch also skips the blake2s self-test at boot (~5.6 M instructions)
CONFIG_CRYPTO=y
CONFIG_CRYPTO_MANAGER_DISABLE_TESTS=y
CONFIG_BUG=y

# --- userspace
CONFIG_BINFMT_ELF=y
CONFIG_BINFMT_SCRIPT=y
CONFIG_PROC_FS=y
CONFIG_SYSFS=y
CONFIG_MULTIUSER=y
CONFIG_FUTEX=y
CONFIG_POSIX_TIMERS=y
CONFIG_FILE_LOCKING=y
# i386 glibc (busybox-static) calls the 32-bit time_t syscalls when the time fits: without
# them sigtimedwait fails and busybox init spins instead of handling poweroff
CONFIG_COMPAT_32BIT_TIME=y
CONFIG_EPOLL=y
CONFIG_SIGNALFD=y
CONFIG_TIMERFD=y
CONFIG_EVENTFD=y
CONFIG_UNIX98_PTYS=y
# BSD pty pairs (/dev/ptyp0..): 512 tty devices registered at boot, ~30 M instructions (pty_init)
# CONFIG_LEGACY_PTYS is not set

# --- storage: initramfs (gzip) and ext2 on the jmoo ubd driver (major 98)
CONFIG_BLK_DEV_INITRD=y
CONFIG_RD_GZIP=y
CONFIG_RD_LZ4=y
# the other initrd decompressors only make the kernel (and its own decompression) bigger
# CONFIG_RD_BZIP2 is not set
# CONFIG_RD_LZMA is not set
# CONFIG_RD_XZ is not set
# CONFIG_RD_LZO is not set
# CONFIG_RD_ZSTD is not set
CONFIG_BLOCK=y
CONFIG_BLK_DEV=y
CONFIG_EXT2_FS=y
CONFIG_DEVTMPFS=y
CONFIG_DEVTMPFS_MOUNT=y
CONFIG_BLK_DEV_JMOO_UBD=y
