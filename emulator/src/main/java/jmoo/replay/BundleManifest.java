package jmoo.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json of a crash bundle: what is needed to rerun the machine (jmoo version, jmoo's
 * own arguments, kernel, initrd, kernel command line, memory size, virtual nanoseconds per
 * instruction, every disk layer by path and SHA-256, the no-progress watchdog's limit) and what
 * happened (the crash reason and the instruction count it happened at).
 *
 * @param watchdogNanos the run's {@code --watchdog} limit in virtual ns, 0 when off (a replay arms it alike)
 */
public record BundleManifest(String jmooVersion, List<String> arguments, FileDigest kernel, FileDigest initrd,
        String commandLine, long memoryBytes, long nanosPerInstruction, List<DiskLayer> diskLayers,
        List<RecordedDisk> disks, Crash crash, long watchdogNanos) {

    public static final String FORMAT = "jmoo-crash-bundle";
    public static final long FORMAT_VERSION = 1;

    /** A file by path (as given on the command line) and content hash. */
    public record FileDigest(String path, String sha256) {
    }

    /** One layer of a disk's chain; depth 0 is the base, the highest depth the top COW. */
    public record DiskLayer(String disk, int depth, String path, String sha256) {
    }

    /**
     * A disk whose starting state was frozen when the recording started: its layers (in
     * {@link #diskLayers()} under the same {@code disk} name) are only read from then on.
     *
     * @param flags  UML's flag letters of the disk ({@code r}, {@code s}, ...)
     * @param runTop the COW the recorded run wrote to, over the frozen layers (null for a
     *               read-only disk); a replay writes to a fresh temporary COW instead
     */
    public record RecordedDisk(String disk, String flags, String runTop) {
    }

    /** Why the run ended (e.g. "kernel panic", "triple fault") and at which instruction. */
    public record Crash(String reason, String detail, long instructionCount) {
    }

    public BundleManifest {
        arguments = List.copyOf(arguments);
        diskLayers = List.copyOf(diskLayers);
        disks = List.copyOf(disks);
    }

    /** A manifest of a run without the watchdog. */
    public BundleManifest(String jmooVersion, List<String> arguments, FileDigest kernel, FileDigest initrd,
            String commandLine, long memoryBytes, long nanosPerInstruction, List<DiskLayer> diskLayers,
            List<RecordedDisk> disks, Crash crash) {
        this(jmooVersion, arguments, kernel, initrd, commandLine, memoryBytes, nanosPerInstruction, diskLayers,
                disks, crash, 0);
    }

    /** A manifest without frozen disks (its disk layers, if any, cannot be replayed). */
    public BundleManifest(String jmooVersion, List<String> arguments, FileDigest kernel, FileDigest initrd,
            String commandLine, long memoryBytes, long nanosPerInstruction, List<DiskLayer> diskLayers, Crash crash) {
        this(jmooVersion, arguments, kernel, initrd, commandLine, memoryBytes, nanosPerInstruction, diskLayers,
                List.of(), crash);
    }

    /** This manifest with other disk layers (those of a machine snapshot taken during the run). */
    public BundleManifest withDiskLayers(List<DiskLayer> layers) {
        return new BundleManifest(jmooVersion, arguments, kernel, initrd, commandLine, memoryBytes, nanosPerInstruction,
                layers, disks, crash, watchdogNanos);
    }

    /**
     * Why {@code ./jmoo replay} cannot rerun this run, or null when it can: a run without --record
     * lists its disks' files, but their starting state was not frozen (the guest wrote over it).
     */
    public String notReplayableReason() {
        return notReplayableReason(diskLayers, disks);
    }

    /** {@link #notReplayableReason()} of a manifest with these disk layers and recorded disks. */
    public static String notReplayableReason(List<DiskLayer> diskLayers, List<RecordedDisk> disks) {
        if (diskLayers.isEmpty() || !disks.isEmpty()) {
            return null;
        }
        List<String> names = diskLayers.stream().map(DiskLayer::disk).distinct().toList();
        return "the run started without --record, so its disks (" + String.join(", ", names) + ") were not frozen";
    }

    /** True when the run's starting state is all in the manifest: kernel, initrd and frozen disks. */
    public boolean replayable() {
        return notReplayableReason() == null;
    }

    /** The frozen layers of {@code disk}, top first (the base last). */
    public List<DiskLayer> layersOf(String disk) {
        return layersOf(diskLayers, disk);
    }

    /** The layers of {@code disk} among {@code layers}, top first (the base last). */
    public static List<DiskLayer> layersOf(List<DiskLayer> layers, String disk) {
        List<DiskLayer> out = new ArrayList<>();
        for (DiskLayer l : layers) {
            if (l.disk().equals(disk)) {
                out.add(l);
            }
        }
        out.sort((a, b) -> Integer.compare(b.depth(), a.depth()));
        return out;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("jmooVersion", jmooVersion);
        m.put("replayable", replayable());   // derived from the disks, for whoever reads the file
        if (!replayable()) {
            m.put("notReplayable", notReplayableReason());
        }
        m.put("arguments", List.copyOf(arguments));
        m.put("kernel", digest(kernel));
        m.put("initrd", initrd == null ? null : digest(initrd));
        m.put("commandLine", commandLine);
        m.put("memoryBytes", memoryBytes);
        m.put("nanosPerInstruction", nanosPerInstruction);
        m.put("watchdogNanos", watchdogNanos);
        List<Object> layers = new ArrayList<>();
        for (DiskLayer l : diskLayers) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("disk", l.disk());
            lm.put("depth", (long) l.depth());
            lm.put("path", l.path());
            lm.put("sha256", l.sha256());
            layers.add(lm);
        }
        m.put("diskLayers", layers);
        List<Object> recorded = new ArrayList<>();
        for (RecordedDisk d : disks) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("disk", d.disk());
            dm.put("flags", d.flags());
            dm.put("runTop", d.runTop());
            recorded.add(dm);
        }
        m.put("disks", recorded);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("reason", crash.reason());
        c.put("detail", crash.detail());
        c.put("instructionCount", crash.instructionCount());
        m.put("crash", c);
        return m;
    }

    private static Map<String, Object> digest(FileDigest d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", d.path());
        m.put("sha256", d.sha256());
        return m;
    }

    /** Reads a manifest; {@code source} (the file) is named in every error. */
    public static BundleManifest fromJson(Object json, String source) throws JsonException {
        JsonObject m = JsonObject.of(json, source, "the manifest");
        if (!FORMAT.equals(m.string("format")) || m.number("formatVersion") != FORMAT_VERSION) {
            throw new JsonException(source + ": not a " + FORMAT + " version " + FORMAT_VERSION + " manifest");
        }
        List<DiskLayer> layers = new ArrayList<>();
        for (Object o : m.list("diskLayers")) {
            JsonObject l = JsonObject.of(o, source, "a disk layer");
            layers.add(new DiskLayer(l.string("disk"), (int) l.number("depth"), l.string("path"), l.string("sha256")));
        }
        List<RecordedDisk> disks = new ArrayList<>();
        for (Object o : m.has("disks") ? m.list("disks") : List.of()) {
            JsonObject d = JsonObject.of(o, source, "a recorded disk");
            disks.add(new RecordedDisk(d.string("disk"), d.string("flags"), d.isNull("runTop") ? null : d.string("runTop")));
        }
        List<String> arguments = new ArrayList<>();
        for (Object o : m.list("arguments")) {
            if (!(o instanceof String a)) {
                throw new JsonException(source + ": expected \"arguments\" to hold strings, got " + o);
            }
            arguments.add(a);
        }
        JsonObject c = m.object("crash");
        return new BundleManifest(m.string("jmooVersion"), arguments, fileDigest(m.object("kernel")),
                m.isNull("initrd") ? null : fileDigest(m.object("initrd")), m.string("commandLine"),
                m.number("memoryBytes"), m.number("nanosPerInstruction"), layers, disks,
                new Crash(c.string("reason"), c.string("detail"), c.number("instructionCount")),
                m.has("watchdogNanos") ? m.number("watchdogNanos") : 0);
    }

    private static FileDigest fileDigest(JsonObject o) throws JsonException {
        return new FileDigest(o.string("path"), o.string("sha256"));
    }
}
