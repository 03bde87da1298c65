package jmoo.cli.cow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jmoo.disk.CowChain;
import jmoo.disk.DataRegions;
import jmoo.disk.Flatten;

/** {@code cow export LAYER... OUT}: flatten any chain to a raw image. */
final class ExportCommand implements CowCommand {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String usage() {
        return "cow export [--ignore-backing-mismatch] LAYER... OUT";
    }

    @Override
    public String summary() {
        return "write what a chain of layers reads as one raw image";
    }

    @Override
    public String help() {
        return """
                Writes OUT, a raw image of the disk the layers make. Name one COW file (its
                backings are followed through the headers), or the chain in UML's order
                (COW BACKING) or base first (initial previous current); the order is told by
                which files are COW files. OUT is sparse, appears only when complete, and keeps
                a partial last sector.
                  --ignore-backing-mismatch  accept a backing whose size or mtime differs""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow export", args, Set.of(ChainArgs.IGNORE_MISMATCH), Set.of());
        List<Path> p = a.paths("cow export", usage(), 2, Integer.MAX_VALUE);
        Path target = p.get(p.size() - 1);
        try (CowChain chain = CowChain.open(p.subList(0, p.size() - 1), ChainArgs.readOptions(a))) {
            ChainArgs.checkOutputIsNotAnInput("cow export", chain, target);
            Flatten.toRawImage(chain, target, DataRegions.get(), progress.start("exporting"));
        }
        return 0;
    }
}
