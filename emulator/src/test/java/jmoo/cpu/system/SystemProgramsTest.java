package jmoo.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU system tests: small guest programs (src/test/resources/jmoo/cpu/system/programs) that
 * set up their own GDT/IDT/TSS/page tables, provoke one system behaviour after another and print
 * what they observe. Each program runs under QEMU, the oracle, which must accept it.
 */
class SystemProgramsTest {
    private static final String PASS = GuestRun.exitEnding(GuestRun.EXIT_PASS);

    @TempDir
    Path work;

    @Test
    void pageFaultsOnNotPresentPages() throws Exception {
        check("pf_not_present", PASS);
    }

    @Test
    void pageFaultsOnProtection() throws Exception {
        check("pf_protection", PASS);
    }

    @Test
    void accessedAndDirtyBits() throws Exception {
        check("accessed_dirty", PASS);
    }

    @Test
    void writeProtectInRing0() throws Exception {
        check("wp", PASS);
    }

    @Test
    void ring3SystemCallThroughInt80() throws Exception {
        check("int80", PASS);
    }

    @Test
    void privilegedInstructionsInRing3() throws Exception {
        check("gp_ring3", PASS);
    }

    @Test
    void segmentRegisterLoads() throws Exception {
        check("gp_segments", PASS);
    }

    @Test
    void segmentBases() throws Exception {
        check("segment_bases", PASS);
    }

    @Test
    void undefinedOpcodes() throws Exception {
        check("ud", PASS);
    }

    @Test
    void divideErrors() throws Exception {
        check("de", PASS);
    }

    @Test
    void deviceNotAvailable() throws Exception {
        check("nm", PASS);
    }

    @Test
    void trapReturnAddresses() throws Exception {
        check("int3_into", PASS);
    }

    @Test
    void popfAndIopl() throws Exception {
        check("popf_iopl", PASS);
    }

    @Test
    void farCallsAndJumps() throws Exception {
        check("far_call", PASS);
    }

    @Test
    void larLslVerrVerw() throws Exception {
        check("lar_lsl", PASS);
    }

    @Test
    void cpuid() throws Exception {
        check("cpuid", PASS);
    }

    @Test
    void selfModifyingCode() throws Exception {
        check("smc", PASS);
    }

    @Test
    void doubleFaultThroughTaskGate() throws Exception {
        check("double_fault", PASS);
    }

    @Test
    void tripleFaultResets() throws Exception {
        check("triple_fault", "reset (triple fault)");
    }

    private void check(String program, String expectedEnding) throws Exception {
        GuestProgram p = GuestProgramBuilder.build(program, work);
        GuestRun qemu = QemuOracle.run(p);
        assertEquals(expectedEnding, qemu.ending(), "QEMU's run of " + program + " (the program is wrong):\n"
                + qemu.transcript());
    }
}
