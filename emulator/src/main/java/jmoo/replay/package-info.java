/**
 * Reproducing guest crashes: recording a run's external inputs, crash bundles, replay checks,
 * machine state hashes and the first-divergence finder.
 *
 * <h2>What makes a run reproducible</h2>
 * The machine is deterministic given its starting state (kernel, initrd, command line, RAM size,
 * virtual nanoseconds per instruction, frozen disk layers) and its external inputs, which the
 * {@link jmoo.replay.InputSource} supplies at exact instruction counts: console bytes, the RTC's
 * start time, and the virtual time at which an idle CPU woke when that was not its timer
 * deadline (a paced run woken early by typing). {@link jmoo.replay.LiveInputSource} records
 * them into an input log ({@link jmoo.replay.InputLogFormat}); {@link jmoo.replay.ReplayInputSource}
 * feeds them back.
 *
 * <h2>A crash bundle (a directory)</h2>
 * <ul>
 * <li>{@code manifest.json}: format and version, jmoo version and arguments, kernel and initrd
 *     (path, sha256), kernel command line, memory size, nanoseconds per instruction, every disk
 *     layer (disk, depth from the base, path, sha256), every disk frozen at the start of a
 *     {@code --record} run (name, flags, the COW the run wrote to), the crash (reason, detail, instruction
 *     count). Written last: a directory without it is a recording that did not crash.</li>
 * <li>{@code input.log}: the recorded inputs. {@code console.log}: the guest's console output.</li>
 * <li>{@code registers.txt}, {@code recent-instructions.txt} (count, EIP, symbol; oldest first),
 *     {@code backtrace.txt} (frame-pointer walk and stack scan, symbolized from System.map).</li>
 * <li>{@code checkpoints.txt} (optional): state hashes every N instructions, so a replay names the
 *     first interval that diverged; {@link jmoo.replay.DivergenceFinder} bisects it.</li>
 * </ul>
 * {@link jmoo.replay.CrashBundleWriter} writes a new bundle atomically (temporary directory,
 * rename) and completes a {@code --record DIR} directory file by file, manifest last.
 *
 * <h2>Hooks in the machine's run loop</h2>
 * <pre>
 *   rtcStart = input.startTimeEpochSeconds(0)                                   // power-on
 *   slice = min(slice, input.nextDueAt() - count, observer.nextStopAt() - count)
 *   ... cpu.run(slice); timers ...
 *   observer.sliceEnded(count)                                                  // checkpoints, --until
 *   while (uart accepts && input.hasByte(count)) uart.receive(input.takeByte(count))
 *   at every idle HLT (HALTED, or cpu.halted() after the slice):
 *       time.skipTo(input.idleWakeNanos(count, deadline, () -> wait and choose))
 * </pre>
 */
package jmoo.replay;
