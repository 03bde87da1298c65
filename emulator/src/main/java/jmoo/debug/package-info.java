/**
 * A debugger's view of the machine: a GDB remote serial protocol stub on loopback
 * ({@link jmoo.debug.GdbServer}, {@link jmoo.debug.GdbStub}) over a narrow
 * {@link jmoo.debug.DebugTarget} (registers, linear memory, run N instructions), with
 * breakpoints and write watchpoints in {@link jmoo.debug.ExecutionControl} and an instruction
 * trace window ({@link jmoo.debug.InstructionTrace}). {@link jmoo.debug.CpuDebugTarget} adapts a
 * bare {@link jmoo.cpu.Cpu}; a machine-level target runs its run loop to an exact instruction
 * count instead, so timers and inputs happen as in an undebugged run.
 *
 * <p>Usage: {@code gdb vmlinux -ex 'target remote 127.0.0.1:PORT'}. Supported: g/G, p/P, m/M/X,
 * Z0/Z1 (breakpoints compare EIP; guest memory is never patched), Z2 (write watchpoints, reported
 * after the writing instruction), s/c with optional address, Ctrl-C, k/D, no-ack mode, the i386
 * target description, {@code monitor icount}. Not yet: Z3/Z4 (read/access watchpoints need a
 * data-access hook in the CPU), segment register writes, reverse execution. Known limit: a
 * breakpoint on the first instruction of an interrupt handler is missed, because
 * {@code Cpu.run(1)} delivers a pending interrupt and executes the handler's first instruction
 * in one step (the CPU API has no "deliver the interrupt only"); break one instruction later.
 */
package jmoo.debug;
