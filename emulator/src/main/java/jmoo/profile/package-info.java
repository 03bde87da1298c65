/**
 * A sampling profiler for the guest: where a guest run spends its instructions, by kernel symbol.
 *
 * <p>{@link jmoo.profile.GuestProfiler} is a {@link jmoo.replay.SliceObserver}: the run loop ends
 * a slice every ~K retired instructions (K jittered so that loops cannot alias with it) and the
 * profiler looks at the CPU between slices: the EIP, named by the kernel's System.map
 * ({@link jmoo.profile.SampleNamer}), and the kernel stack's words that point into kernel text
 * (a guessed "inclusive" count, like Linux's guessing unwinder: {@link jmoo.profile.KernelStackScan}).
 * No CPU hook is needed. Samples go to named phases (the boot, each dd of a benchmark, ...) that
 * the caller switches, typically on console lines; each phase also keeps its exact instruction
 * count and the virtual time the CPU spent halted. {@link jmoo.profile.ProfileReport} prints the
 * tables.
 */
package jmoo.profile;
