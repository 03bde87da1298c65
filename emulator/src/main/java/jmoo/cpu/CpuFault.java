package jmoo.cpu;

/**
 * The one, preallocated, stackless Java exception used to unwind the current guest instruction
 * when it raises a processor exception (#GP, #PF, ...). The vector and error code live in the
 * CPU's state; this object carries nothing. It is thrown only on the fault path, never per
 * instruction.
 */
final class CpuFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final CpuFault INSTANCE = new CpuFault();

    private CpuFault() {
        super(null, null, false, false);
    }
}
