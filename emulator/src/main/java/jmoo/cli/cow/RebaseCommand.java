package jmoo.cli.cow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import jmoo.cli.UserError;
import jmoo.disk.Rebase;

/** {@code cow rebase -b NEW [--unsafe] COW}. */
final class RebaseCommand implements CowCommand {
    @Override
    public String name() {
        return "rebase";
    }

    @Override
    public String usage() {
        return "cow rebase -b NEW [--unsafe] COW";
    }

    @Override
    public String summary() {
        return "point a COW file at another backing file, keeping what the disk reads";
    }

    @Override
    public String help() {
        return """
                Makes NEW the backing file of COW. By default the disk keeps reading the same:
                every sector COW does not hold and where the old and new backings differ is
                copied into COW first (the old backing must still open). NEW must have the
                disk's size.
                  --unsafe  only rewrite the header (NEW is known to hold the same data, e.g. a
                            moved or copied backing file)""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow rebase", args, Set.of("--unsafe"), ChainArgs.VALUED);
        Path cow = a.paths("cow rebase", usage(), 1, 1).get(0);
        Path next = a.path(ChainArgs.BACKING);
        if (next == null) {
            throw new UserError("cow rebase: -b NEW is required (usage: " + usage() + ")");
        }
        Rebase.rebase(cow, next, a.has("--unsafe"), progress.start("rebasing"));
        return 0;
    }
}
