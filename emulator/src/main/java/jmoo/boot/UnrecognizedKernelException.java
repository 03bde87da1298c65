package jmoo.boot;

/** The kernel file is neither a bzImage nor an i386 ELF (or is a variant we cannot boot). */
public final class UnrecognizedKernelException extends BootLoadException {
    public UnrecognizedKernelException(String message) {
        super(message);
    }
}
