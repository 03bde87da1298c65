/**
 * A debugger's view of the machine: a GDB remote serial protocol stub on loopback
 * ({@link jmoo.debug.GdbServer}, {@link jmoo.debug.GdbStub}) over a narrow
 * {@link jmoo.debug.DebugTarget} (registers, linear memory, run N instructions), with
 * breakpoints in {@link jmoo.debug.ExecutionControl} and an instruction
 * trace window ({@link jmoo.debug.InstructionTrace}). {@link jmoo.debug.CpuDebugTarget} adapts a
 * bare {@link jmoo.cpu.Cpu}; a machine-level target runs its run loop to an exact instruction
 * count instead, so timers and inputs happen as in an undebugged run.
 *
 * <p>Usage: {@code gdb vmlinux -ex 'target remote 127.0.0.1:PORT'}. Supported: g/G, p/P, m/M/X,
 * Z0/Z1 (breakpoints compare EIP before each instruction, also at an interrupt handler's entry;
 * guest memory is never patched), Z2/Z3/Z4 (write, read and access watchpoints through the CPU's
 * {@link jmoo.cpu.DebugHooks}, reported after the accessing instruction), s/c with optional
 * address, Ctrl-C, k/D, no-ack mode, the i386 target description, {@code monitor icount}.
 * {@link jmoo.debug.GdbListener} lets gdb attach to a running machine at any time. Not yet:
 * segment register writes, reverse execution.
 */
package jmoo.debug;
