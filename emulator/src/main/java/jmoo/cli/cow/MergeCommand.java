package jmoo.cli.cow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jmoo.cli.UserError;
import jmoo.disk.Commit;
import jmoo.disk.CowChain;
import jmoo.disk.DataRegions;
import jmoo.disk.Flatten;

/** {@code cow merge [-b BACKING] COW OUT} and {@code cow merge -d [-b BACKING] COW}: uml_moo. */
final class MergeCommand implements CowCommand {
    @Override
    public String name() {
        return "merge";
    }

    @Override
    public String usage() {
        return "cow merge [-b BACKING] [--ignore-backing-mismatch] COW OUT | cow merge -d [-b BACKING] COW";
    }

    @Override
    public String summary() {
        return "merge a COW file with its backing into a new image, or in place with -d (as uml_moo)";
    }

    @Override
    public String help() {
        return """
                Without -d, writes OUT: the disk COW shows (COW over its backing chain) as a raw
                image. OUT is sparse, appears only when complete, and is exactly the disk's size:
                unlike uml_moo, a partial last sector is kept.
                With -d, writes COW's sectors into its backing file in place (destructive, as
                uml_moo -d); COW itself is left unchanged. Zero sectors become holes.
                  -b BACKING                 the backing file, instead of the header's path
                  --ignore-backing-mismatch  accept a backing whose size or mtime differs""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow merge", args, Set.of("-d", ChainArgs.IGNORE_MISMATCH), ChainArgs.VALUED);
        if (a.has("-d")) {
            Path cow = a.paths("cow merge -d", usage(), 1, 1).get(0);
            Commit.mergeInPlace(cow, a.path(ChainArgs.BACKING), !a.has(ChainArgs.IGNORE_MISMATCH),
                    progress.start("merging"));
            return 0;
        }
        List<Path> p = a.paths("cow merge", usage(), 2, 2);
        try (CowChain chain = CowChain.open(p.get(0), ChainArgs.readOptions(a))) {
            if (chain.layers().size() < 2) {
                throw new UserError("cow merge: " + p.get(0) + ": not a COW file (use cow export to copy an image)");
            }
            ChainArgs.checkOutputIsNotAnInput("cow merge", chain, p.get(1));
            Flatten.toRawImage(chain, p.get(1), DataRegions.get(), progress.start("merging"));
        }
        return 0;
    }
}
