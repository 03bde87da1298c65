package jmoo.cli.cow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jmoo.replay.Json;
import jmoo.disk.CowChain;
import jmoo.disk.DataRegions;
import jmoo.disk.Extent;
import jmoo.disk.Extents;
import jmoo.disk.Layer;

/** {@code cow map [--json] COW}: the allocated extents of each layer. */
final class MapCommand implements CowCommand {
    @Override
    public String name() {
        return "map";
    }

    @Override
    public String usage() {
        return "cow map [--json] [-b BACKING] [--ignore-backing-mismatch] COW";
    }

    @Override
    public String summary() {
        return "list the sectors each layer of the chain holds, as extents";
    }

    @Override
    public String help() {
        return """
                For each layer of COW's chain, top first, lists the runs of sectors it holds: a
                COW layer's set bits, a raw base's data regions (holes left out where the file
                system reports them). Extents are START COUNT in 512-byte sectors.
                  --json                     machine-readable output
                  -b BACKING                 use BACKING instead of the header's backing path
                  --ignore-backing-mismatch  accept a backing whose size or mtime differs""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow map", args, Set.of("--json", ChainArgs.IGNORE_MISMATCH), ChainArgs.VALUED);
        Path file = a.paths("cow map", usage(), 1, 1).get(0);
        try (CowChain chain = CowChain.open(file, ChainArgs.readOptions(a))) {
            List<Object> json = new ArrayList<>();
            for (int i = 0; i < chain.layers().size(); i++) {
                Layer l = chain.layers().get(i);
                List<Extent> extents = Extents.of(l, DataRegions.get());
                if (a.has("--json")) {
                    Map<String, Object> m = LayerText.json(i, l);
                    m.put("extents", extents.stream().map(MapCommand::json).toList());
                    json.add(m);
                } else {
                    out.println("layer " + i + "  " + l.path() + "  (" + LayerText.kind(l) + ")");
                    out.printf("  %12s %12s%n", "start", "count");
                    for (Extent e : extents) {
                        out.printf("  %12d %12d%n", e.start(), e.count());
                    }
                }
            }
            if (a.has("--json")) {
                out.print(Json.write(json));
            }
        }
        return 0;
    }

    private static Object json(Extent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", e.start());
        m.put("count", e.count());
        return m;
    }
}
