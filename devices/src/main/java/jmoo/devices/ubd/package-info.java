/**
 * The jmoo paravirtual port block: ubd disks for the guest's {@code jmoo_ubd} driver over the
 * COW engine's {@link jmoo.disk.BlockDevice}, and machine control (power-off, reboot, halt,
 * panic). The ABI (ports 0x0F00-0x0F1F, request block, status codes, discovery, versioning) is
 * specified in images/ubd/ABI.md; {@link jmoo.devices.ubd.UbdAbi} holds its numbers.
 *
 * <p>Entry point for the machine: {@link jmoo.devices.ubd.UbdPortBlock} (construct over guest
 * RAM and a {@link jmoo.devices.ubd.MachineControl}, attach disks, register on the IoBus).
 * Per-disk request counts are on {@link jmoo.devices.ubd.UbdDisk}, host-side events (refused
 * requests by status, bad port accesses, I/O failures) on {@link jmoo.devices.ubd.UbdCounters}.
 */
package jmoo.devices.ubd;
