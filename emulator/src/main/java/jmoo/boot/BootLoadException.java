package jmoo.boot;

/** The kernel or initrd cannot be loaded; the message names the file and what was wrong. */
public class BootLoadException extends Exception {
    public BootLoadException(String message) {
        super(message);
    }
}
