package jmoo.disk;

import java.nio.file.Path;

/**
 * The process the crash test kills: opens a COW for writing, prints READY, then runs the rounds
 * of a {@link CrashPlan}, printing "ACK r" after round r's flush returned.
 * Arguments: COW SEED ROUNDS.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path cow = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int rounds = Integer.parseInt(args[2]);
        try (CowChain d = CowChain.open(cow, OpenOptions.writable())) {
            CrashPlan plan = new CrashPlan(seed, d.sectors());
            System.out.println("READY");
            System.out.flush();
            for (int r = 0; r < rounds; r++) {
                for (CrashPlan.Write w : plan.round(r)) {
                    d.write(w.sector(), w.data());
                }
                d.flush();
                System.out.println("ACK " + r);
                System.out.flush();
            }
        }
        System.out.println("DONE");
    }
}
