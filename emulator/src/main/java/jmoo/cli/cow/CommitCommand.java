package jmoo.cli.cow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import jmoo.disk.Commit;

/** {@code cow commit COW}: fold a layer into the one below and empty it. */
final class CommitCommand implements CowCommand {
    @Override
    public String name() {
        return "commit";
    }

    @Override
    public String usage() {
        return "cow commit [-b BACKING] [--ignore-backing-mismatch] COW";
    }

    @Override
    public String summary() {
        return "fold a COW layer into the file below it, then empty the layer";
    }

    @Override
    public String help() {
        return """
                Writes COW's sectors into its backing file (a raw image or another COW layer),
                then empties COW and records the backing's new modification time, so COW still
                opens over its backing and reads exactly as before. Zero sectors become holes.
                Layers above COW stay valid only if they were made over COW itself.
                  -b BACKING                 the backing file, instead of the header's path
                  --ignore-backing-mismatch  accept a backing whose size or mtime differs""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow commit", args, Set.of(ChainArgs.IGNORE_MISMATCH), ChainArgs.VALUED);
        Path cow = a.paths("cow commit", usage(), 1, 1).get(0);
        Commit.commit(cow, a.path(ChainArgs.BACKING), !a.has(ChainArgs.IGNORE_MISMATCH), progress.start("committing"));
        return 0;
    }
}
