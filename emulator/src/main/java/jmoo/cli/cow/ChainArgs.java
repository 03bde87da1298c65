package jmoo.cli.cow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jmoo.cli.UserError;
import jmoo.disk.CowChain;
import jmoo.disk.Layer;
import jmoo.disk.OpenOptions;

/** The options every chain-reading subcommand shares: {@code -b BACKING} and the mismatch override. */
final class ChainArgs {
    static final String BACKING = "-b";
    static final String IGNORE_MISMATCH = "--ignore-backing-mismatch";
    static final Set<String> VALUED = Set.of(BACKING);

    private ChainArgs() {
    }

    static OpenOptions readOptions(Args a) {
        OpenOptions o = OpenOptions.readOnly();
        if (a.has(IGNORE_MISMATCH)) {
            o = o.withoutBackingChecks();
        }
        Path b = a.path(BACKING);
        return b == null ? o : o.withBacking(b);
    }

    /** Refuses an output that is one of the chain's own files (it would be replaced while read). */
    static void checkOutputIsNotAnInput(String command, CowChain chain, Path out) throws UserError, IOException {
        if (!Files.exists(out)) {
            return;
        }
        for (Layer l : chain.layers()) {
            if (Files.isSameFile(l.path(), out)) {
                throw new UserError(command + ": " + out + ": is a layer of the disk being read; choose another output",
                        2);
            }
        }
    }

    static List<String> names(CowChain chain) {
        return chain.layers().stream().map(l -> l.path().toString()).toList();
    }
}
