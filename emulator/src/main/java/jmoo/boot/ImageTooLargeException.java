package jmoo.boot;

/** A kernel or initrd does not fit in guest RAM where the boot protocol needs it. */
public final class ImageTooLargeException extends BootLoadException {
    public ImageTooLargeException(String message) {
        super(message);
    }
}
