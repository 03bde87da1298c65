package jmoo.cli.cow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import jmoo.disk.Check;
import jmoo.disk.CheckReport;

/** {@code cow check [--repair] COW}. */
final class CheckCommand implements CowCommand {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "cow check [--repair] COW";
    }

    @Override
    public String summary() {
        return "check a COW file for damage; --repair fixes what is safe to fix";
    }

    @Override
    public String help() {
        return """
                Checks COW: the header (an unreadable one is an error), bitmap bits set past the
                last sector, a file too short for its allocated data, a version 1/2 bitmap too
                short for the disk, a backing file that is missing or changed. Exits 0 when
                nothing is left to fix, 1 otherwise.
                  --repair  clear stray bits and extend a short file (what the disk reads does
                            not change); a missing or changed backing needs rebase or -b""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow check", args, Set.of("--repair"), Set.of());
        Path cow = a.paths("cow check", usage(), 1, 1).get(0);
        CheckReport r = Check.run(cow, a.has("--repair"));
        for (String p : r.problems()) {
            String fix = r.repaired().stream().filter(x -> x.startsWith(p)).findFirst().orElse(null);
            out.println(cow + ": " + (fix != null ? "repaired: " + fix : p));
        }
        if (r.problems().isEmpty()) {
            out.println(cow + ": no problems found");
        }
        return r.clean() ? 0 : 1;
    }
}
