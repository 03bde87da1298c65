package jmoo.cli.cow;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jmoo.replay.Json;
import jmoo.disk.CowChain;
import jmoo.disk.CowFiles;
import jmoo.disk.CowHeader;
import jmoo.disk.Layer;

/** {@code cow info [--json] COW}: the header, the chain, the allocated sectors. */
final class InfoCommand implements CowCommand {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String usage() {
        return "cow info [--json] [-b BACKING] [--ignore-backing-mismatch] COW";
    }

    @Override
    public String summary() {
        return "show a COW file's header, its chain of backing files and what it holds";
    }

    @Override
    public String help() {
        return """
                Shows COW's header (version, backing file as recorded, size, backing mtime,
                bitmap and data offsets), its chain of layers top first, and the sectors each
                layer holds. A raw image is shown as such. Exits 1 when the chain cannot be
                opened (the header is still shown).
                  --json                     machine-readable output
                  -b BACKING                 use BACKING instead of the header's backing path
                  --ignore-backing-mismatch  accept a backing whose size or mtime differs""";
    }

    @Override
    public int run(String[] args, PrintStream out, Progress progress) throws Exception {
        Args a = Args.parse("cow info", args, Set.of("--json", ChainArgs.IGNORE_MISMATCH), ChainArgs.VALUED);
        Path file = a.paths("cow info", usage(), 1, 1).get(0);
        CowHeader header = CowFiles.isCow(file) ? CowFiles.readHeader(file) : null;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", file.toString());
        if (header != null) {
            info.put("header", headerJson(header));
        }
        String chainError = null;
        try (CowChain chain = CowChain.open(file, ChainArgs.readOptions(a))) {
            List<Object> layers = new ArrayList<>();
            for (int i = 0; i < chain.layers().size(); i++) {
                layers.add(LayerText.json(i, chain.layers().get(i)));
            }
            info.put("size", chain.size());
            info.put("chain", layers);
            if (!a.has("--json")) {
                text(out, file, header, chain);
            }
        } catch (IOException e) {
            chainError = DiskErrors.describe(e);
            info.put("chain-error", chainError);
            if (!a.has("--json")) {
                text(out, file, header, null);
                out.println("chain: cannot open: " + chainError);
            }
        }
        if (a.has("--json")) {
            out.print(Json.write(info));
        }
        return chainError == null ? 0 : 1;
    }

    private static Map<String, Object> headerJson(CowHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", h.version().name().toLowerCase());
        m.put("backing-file", h.backingPath());
        m.put("backing-size", h.size());
        m.put("backing-mtime", h.mtime());
        m.put("sector-size", h.sectorSize());
        m.put("alignment", h.alignment());
        m.put("bitmap-offset", h.bitmapOffset());
        m.put("bitmap-length", h.bitmapLength());
        m.put("data-offset", h.dataOffset());
        return m;
    }

    private static void text(PrintStream out, Path file, CowHeader h, CowChain chain) {
        if (h == null) {
            out.println("raw image: " + file);
        } else {
            out.println("COW file: " + file);
            out.println("format: UML COW " + LayerText.version(h.version()));
            out.println("backing file: " + h.backingPath());
            out.println("size: " + sizeText(h.size()));
            out.println("backing mtime: " + h.mtime() + " (" + Instant.ofEpochSecond(h.mtime()) + ")");
            out.println("sector size: " + h.sectorSize() + ", alignment: " + h.alignment());
            out.println("bitmap: " + LayerText.plural(h.bitmapLength(), "byte") + " at offset " + h.bitmapOffset());
            out.println("data: at offset " + h.dataOffset());
        }
        if (chain == null) {
            return;
        }
        if (h == null) {
            out.println("size: " + sizeText(chain.size()));
        }
        out.println("chain (top first):");
        List<Layer> layers = chain.layers();
        for (int i = 0; i < layers.size(); i++) {
            out.println("  " + i + "  " + layers.get(i).path() + "  (" + LayerText.summary(layers.get(i)) + ")");
        }
    }

    private static String sizeText(long size) {
        long sectors = (size + 511) / 512;
        return LayerText.plural(size, "byte") + " (" + LayerText.plural(sectors, "sector")
                + (size % 512 != 0 ? ", the last one partial)" : ")");
    }
}
