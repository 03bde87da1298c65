/**
 * The COW disk engine: UML's copy-on-write file format and stacked disks built from it. No
 * emulator inside; everything here works on plain files.
 *
 * <h2>Public API (kept stable for devices/, bench/ and the CLI)</h2>
 * <ul>
 * <li>{@link jmoo.disk.BlockDevice}: the disk as the guest sees it. {@code read/write(sector,
 * ByteBuffer)} move {@code buffer.remaining()} bytes (a multiple of 512; heap or direct buffers)
 * and advance the buffer; {@code flush()} is durable (fdatasync); {@code discard(sector, count)}
 * makes sectors read as zeros; {@code size()}, {@code sectors()}, {@code readOnly()}. No
 * allocation per request; one thread at a time.</li>
 * <li>{@link jmoo.disk.CowChain}: the BlockDevice over a chain of layers. Open with
 * {@code CowChain.open(Path, OpenOptions)} (a COW, its backings followed through the headers, or
 * a raw image) or {@code CowChain.open(List<Path>, OpenOptions)} with files in UML's order
 * ({@code COW,BACKING}) or base first ({@code initial,previous,current}), told apart by the COW
 * magic of the first file. {@code layers()} lists them top first; {@code layerFor(sector)} says
 * which one serves a sector.</li>
 * <li>{@link jmoo.disk.OpenOptions}: {@code OpenOptions.readOnly()} / {@code writable()}, then
 * {@code withBacking(Path)} (UML's {@code COW,BACKING} / uml_moo's {@code -b}),
 * {@code withoutBackingChecks()} (accept a backing of another size or mtime),
 * {@code withMaxDepth(n)}.</li>
 * <li>{@link jmoo.disk.CowFiles}: {@code create(cow, backing, force)} (as uml_mkcow),
 * {@code readHeader(path)}, {@code isCow(path)}.</li>
 * <li>{@link jmoo.disk.Layer} ({@link jmoo.disk.CowLayer} with its {@link jmoo.disk.CowHeader}
 * and {@link jmoo.disk.Bitmap}, or {@link jmoo.disk.RawLayer}): one file of a chain.</li>
 * <li>Errors are {@link java.io.IOException}s naming the file: {@link jmoo.disk.CowFormatException}
 * (with the offset and what was expected), {@link jmoo.disk.DiskOpenException} and its
 * {@link jmoo.disk.BackingMismatchException} and {@link jmoo.disk.DiskLockedException},
 * {@link jmoo.disk.ReadOnlyDiskException}. A request outside the disk or not a whole number of
 * sectors is a programming error: {@link java.lang.IllegalArgumentException}.</li>
 * </ul>
 *
 * <h2>Rules the engine keeps</h2>
 * <ul>
 * <li>Only the top layer is written; backing files are opened read-only with a shared lock, the
 * writer takes an exclusive lock (fcntl, like UML), so a second writer is refused.</li>
 * <li>A write puts the data in the file before the bitmap bytes that mark it (UML's order), so a
 * killed writer process loses nothing that reached the page cache and never exposes garbage;
 * {@code flush()} (fdatasync) makes both durable. Like UML, nothing orders the kernel's
 * write-back between flushes: after a power loss, a sector first written since the last flush
 * may read as zeros. Acknowledged flushes survive either way ({@code CrashSafetyTest} kills
 * writer processes at random points).</li>
 * <li>The bitmap bytes go out with each write that sets new bits, not at the next flush: a
 * guest's {@code sync} after writing a raw device (dd to /dev/ubdb) reaches jmoo without a
 * FLUSH request, and that data must survive a kill -9 of jmoo ({@code GuestDisksEndToEndTest}).
 * Deferring them to {@code flush()} was tried (it made first writes cheaper and passed
 * {@code CrashSafetyTest}) and lost that data.</li>
 * <li>The disk size is the backing's size, not rounded: a partial last sector is served (zeros
 * past the backing's end) and kept by merges.</li>
 * </ul>
 *
 * <h2>Format details checked against uml_moo (beyond DESIGN.md section 2)</h2>
 * <ul>
 * <li>v1/v2: the bitmap starts right after the header, unrounded (offset 280 / 4120); the data
 * at the next sector boundary after the (historically short) bitmap.</li>
 * <li>Broken v3: the 8-byte mtime field holds a big-endian u32 in its first four bytes (old
 * builds stored htonl(mtime) there); UML and uml_moo read those four bytes.</li>
 * <li>uml_mkcow records the backing path with the folder's symbolic links resolved and the file
 * name as given ({@link jmoo.disk.BackingCheck#recordedPathFor}).</li>
 * </ul>
 */
package jmoo.disk;
