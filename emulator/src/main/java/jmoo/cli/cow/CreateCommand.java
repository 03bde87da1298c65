package jmoo.cli.cow;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jmoo.cli.UserError;
import jmoo.disk.CowFiles;

/** {@code cow create [-f] COW BACKING}: uml_mkcow. */
final class CreateCommand implements CowCommand {
    @Override
    public String name() {
        return "create";
    }

    @Override
    public String usage() {
        return "cow create [-f] COW BACKING";
    }

    @Override
    public String summary() {
        return "make an empty COW file over BACKING (as uml_mkcow)";
    }

    @Override
    public String help() {
        return """
                Creates COW, a version 3 UML COW file over BACKING, exactly as uml_mkcow does:
                the backing's absolute path, size and modification time in the header, an empty
                bitmap, a sparse file. BACKING may itself be a COW file (a new top layer).
                  -f   replace COW if it exists""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow create", args, Set.of("-f"), Set.of());
        List<Path> p = a.paths("cow create", usage(), 2, 2);
        if (Files.exists(p.get(0)) && !a.has("-f")) {
            throw new UserError("cow create: " + p.get(0) + ": already exists (-f replaces it)");
        }
        CowFiles.create(p.get(0), p.get(1), a.has("-f"));
        return 0;
    }
}
