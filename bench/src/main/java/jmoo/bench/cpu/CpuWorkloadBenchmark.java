package jmoo.bench.cpu;

import java.util.concurrent.TimeUnit;
import jmoo.cpu.CpuBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Guest instructions per second of the fixed CPU workload ({@link CpuBenchmark}). JMH reports
 * runs per second; multiply by the instructions per run (printed at setup) for guest MIPS, or use
 * {@code ./jmoo bench cpu}, which prints MIPS directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CpuWorkloadBenchmark {
    private CpuBenchmark workload;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        workload = new CpuBenchmark();
        System.out.printf("%n(one run of the CPU workload = %,d guest instructions)%n", workload.runOnce());
    }

    @Benchmark
    public long workload() {
        return workload.runOnce();
    }
}
