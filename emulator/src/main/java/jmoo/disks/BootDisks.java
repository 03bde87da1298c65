package jmoo.disks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmoo.cli.UserError;

/**
 * The disks of a boot: the user's {@code ubdN=} arguments and, when none of them is ubd0, the
 * shipped root filesystem on ubd0 through a fresh {@link SessionCow} (the shipped image is never
 * written; the session's writes vanish at exit). To keep what the guest writes, name a COW:
 * {@code ubd0=my.cow,images/build/cache/rootfs-....ext2} (the file {@link #sessionBacking()}).
 */
public final class BootDisks implements Closeable {
    private final UbdDisks disks;
    private final SessionCow session;

    private BootDisks(UbdDisks disks, SessionCow session) {
        this.disks = disks;
        this.session = session;
    }

    /**
     * @param shippedRoot put the shipped rootfs on ubd0 when the arguments leave it empty
     */
    public static BootDisks open(List<String> diskArgs, ShippedImages images, boolean shippedRoot) throws UserError {
        List<UbdArgument> args = new ArrayList<>();
        for (String a : diskArgs) {
            args.add(UbdArgument.parse(a));
        }
        boolean hasUbd0 = args.stream().anyMatch(a -> a.slot() == 0);
        if (hasUbd0 || !shippedRoot) {
            return new BootDisks(UbdDisks.openParsed(args), null);
        }
        Path rootfs = RootfsCache.image(images);
        SessionCow session = sessionOver(rootfs);
        try {
            String text = "ubd0=" + session.cow() + "," + rootfs;
            args.add(0, UbdArgument.parse(text));
            return new BootDisks(UbdDisks.openParsed(args), session);
        } catch (UserError | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static SessionCow sessionOver(Path rootfs) throws UserError {
        try {
            return SessionCow.over(rootfs);
        } catch (IOException e) {
            throw new UserError("a session COW over " + rootfs + ": " + DiskOpener.describe(e));
        }
    }

    public UbdDisks disks() {
        return disks;
    }

    /** True when ubd0 is the shipped rootfs through a throw-away COW. */
    public boolean sessionRoot() {
        return session != null;
    }

    /** The session COW's backing (the cached shipped rootfs), or null. */
    public Path sessionBacking() {
        return session == null ? null : disks.get(0).chain().layers().get(1).path();
    }

    /** Closes the disks, then deletes the session COW. */
    @Override
    public void close() throws IOException {
        try {
            disks.close();
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }
}
