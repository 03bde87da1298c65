/**
 * The guest's ubd disks as the boot command line names them, in User-Mode Linux's syntax, opened
 * through the COW engine (jmoo.disk) for the port block device (jmoo.devices.ubd).
 *
 * <ul>
 * <li>{@link jmoo.disks.UbdArgument}: {@code ubdN[flags]=FILE[,FILE...]}, N 0-15 or a-p,
 * flags {@link jmoo.disks.UbdFlags} r (read-only), s (sync), d (plain image, no COW),
 * c (shared: accepted, but jmoo keeps its locks, so only read-only disks can be shared),
 * files separated by {@code ,} or {@code :}.</li>
 * <li>{@link jmoo.disks.DiskOpener}: UML's {@code COW,BACKING} or base-first chains told apart
 * by the COW magic (the engine's chain opener), a missing top COW created over the file below
 * it as UML does, one-line errors naming the argument, the file and the reason.</li>
 * <li>{@link jmoo.disks.UbdDisks}: the 16 slots of a boot; {@link jmoo.disks.BootDisks} adds the
 * shipped root filesystem on ubd0 through a throw-away {@link jmoo.disks.SessionCow} when the
 * user names no ubd0; {@link jmoo.disks.RootfsCache} keeps the decompressed, checksum-verified,
 * read-only image it backs.</li>
 * </ul>
 */
package jmoo.disks;
