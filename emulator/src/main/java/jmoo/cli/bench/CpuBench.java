package jmoo.cli.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jmoo.cli.UserError;
import jmoo.cpu.CpuBenchmark;

/**
 * {@code ./jmoo bench cpu}: runs the fixed guest workload of {@link CpuBenchmark} and prints
 * guest MIPS (retired instructions per second of wall-clock time and of this thread's CPU time).
 * The JMH benchmark in bench/ (jmoo.bench.cpu) is the careful version of the same measurement.
 */
final class CpuBench implements BenchMode {
    private static final String USAGE = "usage: ./jmoo bench cpu [--runs N]   (N measured runs after 5 warm-up runs; default 10)";

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String summary() {
        return "guest MIPS of a fixed CPU workload: [--runs N]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws UserError {
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") && i + 1 < args.length) {
                runs = BenchArgs.positive("bench cpu", "--runs", args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            } else {
                throw new UserError("bench cpu: unexpected argument " + args[i] + " (" + USAGE + ")");
            }
        }
        benchCpu(runs, out);
        return 0;
    }

    private static void benchCpu(int runs, PrintStream out) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CpuBenchmark workload = new CpuBenchmark();
        out.println("CPU workload: ALU loop, REP MOVSL + byte copy, branches, recursive calls, page-crossing accesses");
        for (int i = 0; i < 5; i++) {
            workload.runOnce();
        }
        long instructions = 0;
        long wallNanos = 0;
        long cpuNanos = 0;
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long n = workload.runOnce();
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            instructions += n;
            wallNanos += t1 - t0;
            cpuNanos += c1 - c0;
            out.printf("run %2d: %,d instructions, %.1f MIPS wall, %.1f MIPS cpu%n", i + 1, n,
                    n * 1e3 / (t1 - t0), n * 1e3 / Math.max(1, c1 - c0));
        }
        out.printf("guest MIPS: %.1f (wall clock), %.1f (thread CPU time), %d runs%n",
                instructions * 1e3 / wallNanos, instructions * 1e3 / Math.max(1, cpuNanos), runs);
    }
}
