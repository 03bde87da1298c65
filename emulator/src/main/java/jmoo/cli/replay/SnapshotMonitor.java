package jmoo.cli.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmoo.cli.UserError;
import jmoo.disk.Layer;
import jmoo.disks.BootDisks;
import jmoo.disks.DiskMonitor;
import jmoo.disks.OpenedDisk;
import jmoo.disks.UbdArgument;
import jmoo.disks.UbdFlags;
import jmoo.machine.Machine;
import jmoo.replay.BundleInputs;
import jmoo.replay.BundleManifest;
import jmoo.replay.RunPoint;
import jmoo.replay.Sha256;
import jmoo.replay.Snapshot;
import jmoo.replay.SnapshotFile;

/**
 * The monitor's whole-machine snapshot commands on a live boot. {@code savevm FILE} first
 * freezes every writable disk as the monitor's {@code snapshot ubdN} does (the top becomes a
 * read-only layer, the guest goes on writing a new COW over it), so the snapshot only refers to
 * disk state that no longer changes; the throw-away session COW of a plain {@code ./jmoo} would
 * vanish at exit, so its frozen layer is copied beside FILE as {@code FILE-ubda.cow}. {@code loadvm
 * FILE} checks the snapshot's layers against their SHA-256, reopens its disks over new COWs and
 * restores the machine. Call {@link #execute} on the machine thread only, between slices.
 */
public final class SnapshotMonitor {
    public static final String HELP = """
            savevm FILE save the whole machine (CPU, RAM, devices, disk layers) into FILE; every
                        writable disk's top is frozen first and the guest writes to a new COW
            loadvm FILE go back to a machine saved by savevm (its disks over new COWs)""";

    private final Machine machine;
    private final BootDisks boot;
    private final DiskMonitor disks;
    private final boolean recorded;
    private final Runnable afterLoad;

    /**
     * @param recorded  the run is being recorded (--record): loadvm would make it unreplayable
     * @param afterLoad run after a loadvm, e.g. to stop logging inputs the log could no longer replay
     */
    public SnapshotMonitor(Machine machine, BootDisks boot, boolean recorded, Runnable afterLoad) {
        this.machine = machine;
        this.boot = boot;
        this.disks = new DiskMonitor(machine.portBlock(), boot.disks());
        this.recorded = recorded;
        this.afterLoad = afterLoad;
    }

    /** Runs {@code line} when it is savevm or loadvm and returns what to print; null when it is not one. */
    public String execute(String line) {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals("savevm") && !words[0].equals("loadvm")) {
            return null;
        }
        if (words.length != 2) {
            return "usage: " + words[0] + " FILE";
        }
        Path file = Path.of(words[1]);
        try {
            return words[0].equals("savevm") ? save(file) : load(file);
        } catch (UserError e) {
            return e.getMessage();
        } catch (IOException e) {
            return words[0] + ": " + file + ": " + e.getMessage();
        }
    }

    private String save(Path file) throws IOException, UserError {
        if (Files.isDirectory(file)) {
            throw new UserError("savevm: " + file + " is a directory");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new UserError("savevm: " + parent + ": no such directory");
        }
        List<BundleManifest.DiskLayer> layers = new ArrayList<>();
        List<BundleManifest.RecordedDisk> recordedDisks = new ArrayList<>();
        StringBuilder said = new StringBuilder();
        for (OpenedDisk d : List.copyOf(boot.disks().all())) {
            String name = d.argument().deviceName();
            List<Path> frozen = d.chain().readOnly() ? paths(d) : freeze(d, file, said);
            for (int i = 0; i < frozen.size(); i++) {
                Path layer = frozen.get(i).toAbsolutePath();
                layers.add(new BundleManifest.DiskLayer(name, frozen.size() - 1 - i, layer.toString(), Sha256.ofFile(layer)));
            }
            UbdFlags was = boot.disks().get(d.slot()).argument().flags();
            recordedDisks.add(new BundleManifest.RecordedDisk(name, was.toString(), null));
        }
        SnapshotFile.save(file, machine, layers, recordedDisks, RunPoint.live(0, 0, 0));
        return "savevm: the machine at instruction " + machine.cpu().instructionCount() + " is in " + file + said;
    }

    /** Freezes a writable disk's top (see the class comment); returns the frozen layers, top first. */
    private List<Path> freeze(OpenedDisk d, Path file, StringBuilder said) throws IOException, UserError {
        String name = d.argument().deviceName();
        boolean session = boot.sessionRoot() && d.slot() == 0;
        Path kept = ReplayDisks.layerBeside(file, name);
        if (session && Files.exists(kept)) {
            throw new UserError("savevm: " + kept + " already exists: a snapshot's disk layers are never overwritten");
        }
        Path top = d.chain().layers().get(0).path();
        String answer = disks.execute("snapshot " + name);
        OpenedDisk now = boot.disks().get(d.slot());
        if (now == null || now.chain().layers().get(0).path().equals(top)) {
            throw new UserError("savevm: " + answer);
        }
        List<Path> frozen = new ArrayList<>(paths(now).subList(1, now.chain().layers().size()));
        if (session) {
            SparseCopy.copy(frozen.get(0), kept);
            frozen.set(0, kept);
        }
        said.append("; ").append(name).append(" frozen as ").append(frozen.get(0)).append(", writes go to ")
                .append(now.chain().layers().get(0).path());
        return frozen;
    }

    private String load(Path file) throws IOException, UserError {
        if (recorded) {
            throw new UserError("loadvm: this run is being recorded (--record): a jump to another state could"
                    + " not be replayed; boot without --record to use loadvm");
        }
        Snapshot s = SnapshotFile.read(file);
        List<BundleManifest.DiskLayer> layers = s.disks();
        List<String> problems = BundleInputs.layerProblems(layers);
        if (!problems.isEmpty()) {
            throw new UserError("loadvm: " + file + ": " + String.join("; ", problems));
        }
        Machine check = new Machine(machine.memory().size(), machine.time().nanosPerInstruction(), 0, b -> { });
        s.restoreInto(check);   // a snapshot that does not fit is refused before anything changes
        StringBuilder said = new StringBuilder();
        for (OpenedDisk d : List.copyOf(boot.disks().all())) {
            disks.execute("remove " + d.argument().deviceName());
        }
        for (BundleManifest.RecordedDisk d : s.recordedDisks()) {
            said.append("; ").append(attach(d, BundleManifest.layersOf(layers, d.disk())));
        }
        s.restoreInto(machine);
        afterLoad.run();
        return "loadvm: the machine is back at instruction " + machine.cpu().instructionCount() + " from " + file + said
                + " (a crash bundle of this run can no longer be replayed)";
    }

    /** Reopens a snapshot's disk over a new COW (read-only disks as they were); returns what the monitor says. */
    private String attach(BundleManifest.RecordedDisk d, List<BundleManifest.DiskLayer> topFirst) throws UserError {
        UbdFlags was = UbdArgument.parse(d.disk() + d.flags() + "=-").flags();
        List<String> files = new ArrayList<>(topFirst.stream().map(BundleManifest.DiskLayer::path).toList());
        UbdFlags flags = was;
        if (!was.readOnly()) {
            flags = new UbdFlags(false, was.sync(), false, was.shared());   // the top is a COW now
            files.add(0, DiskMonitor.nextFreeName(Path.of(files.get(0))).toString());
        }
        String answer = disks.execute("config " + d.disk() + flags + "=" + String.join(",", files));
        if (boot.disks().get(UbdArgument.parse(d.disk() + "=-").slot()) == null) {
            throw new UserError("loadvm: " + answer + " (the machine was not restored; its disks are detached)");
        }
        return answer;
    }

    private static List<Path> paths(OpenedDisk d) {
        return d.chain().layers().stream().map(Layer::path).toList();
    }
}
