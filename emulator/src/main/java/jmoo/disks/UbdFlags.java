package jmoo.disks;

/**
 * The flags of a UML disk argument ({@code ubd1rs=...}), in any order and combination.
 *
 * @param readOnly r: the guest sees a read-only disk; no file is written
 * @param sync     s: every write is made durable before the guest sees it complete (UML opens
 *                 the file O_SYNC; here the port block flushes after each write request)
 * @param noCow    d: the file is a plain image used as it is, never a COW or a chain
 * @param shared   c: UML's "shared" disk (it skips UML's file lock, for cluster filesystems). jmoo
 *                 accepts the flag for compatible command lines but keeps its locks: a writer is
 *                 always exclusive, so sharing one disk between machines works read-only
 *                 ({@code ubd1rc=}), where readers share the lock
 */
public record UbdFlags(boolean readOnly, boolean sync, boolean noCow, boolean shared) {
    public static final UbdFlags NONE = new UbdFlags(false, false, false, false);

    /** The flag letters as UML spells them, in UML's order ({@code rscd}). */
    @Override
    public String toString() {
        return (readOnly ? "r" : "") + (sync ? "s" : "") + (shared ? "c" : "") + (noCow ? "d" : "");
    }
}
