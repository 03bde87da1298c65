package jmoo.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU system tests: small guest programs (src/test/resources/jmoo/cpu/system/programs) that
 * set up their own GDT/IDT/TSS/page tables, provoke one system behaviour after another and print
 * what they observe. Each program runs under QEMU, the oracle, which must accept it (else the
 * program is wrong), and on jmoo, which must print the same lines and end the same way.
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
    void pageFaultInTheMiddleOfAnAccess() throws Exception {
        check("pf_spanning", PASS);
    }

    @Test
    void pageFaultOnAnInstructionSpanningPages() throws Exception {
        check("pf_fetch_spanning", PASS);
    }

    @Test
    void pageFaultsOnStackAndStringAccesses() throws Exception {
        check("pf_stack_string", PASS);
    }

    @Test
    void remappingPagesForDataAndCode() throws Exception {
        check("tlb", PASS);
    }

    @Test
    void addressSpaceSwitchThroughCr3() throws Exception {
        check("cr3_switch", PASS);
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
    void hardwareInterruptsThroughThe8259() throws Exception {
        check("irq", PASS);
    }

    @Test
    void interruptDuringRepMovs() throws Exception {
        check("irq_rep", PASS);
    }

    @Test
    void stiShadow() throws Exception {
        check("irq_shadow", PASS);
    }

    @Test
    void taskSwitchingLikeAKernel() throws Exception {
        check("mini_kernel", PASS);
    }

    @Test
    void signalDeliveryAndSigreturn() throws Exception {
        check("signal", PASS);
    }

    @Test
    void privilegedInstructionsInRing3() throws Exception {
        check("gp_ring3", PASS);
    }

    @Test
    void ioPermissionBitmap() throws Exception {
        check("io_bitmap", PASS);
    }

    @Test
    void segmentRegisterLoads() throws Exception {
        check("gp_segments", PASS);
    }

    @Test
    void segmentLoadsSetTheAccessedBit() throws Exception {
        check("accessed_bit", PASS);
    }

    @Test
    void farPointerLoads() throws Exception {
        check("far_pointers", PASS);
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
    void lockPrefixOnlyOnReadModifyWriteMemory() throws Exception {
        check("ud_lock", PASS);
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
    void debugRegisters() throws Exception {
        check("debug_regs", PASS);
    }

    @Test
    void debugRegister7FixedBit() throws Exception {
        check("debug_dr7", PASS);
    }

    @Test
    void singleStepTrap() throws Exception {
        check("single_step", PASS);
    }

    @Test
    void singleStepOverSoftwareInterrupt() throws Exception {
        check("single_step_int", PASS);
    }

    @Test
    void cpuid() throws Exception {
        check("cpuid", PASS);
    }

    @Test
    void bcdAdjustsOverAllInputs() throws Exception {
        check("bcd", PASS);
    }

    @Test
    void aasOverAllInputs() throws Exception {
        check("bcd_aas", PASS);
    }

    @Test
    void pushaEnterLeaveAndEspOperands() throws Exception {
        check("stack_forms", PASS);
    }

    @Test
    void sixteenBitAddressingIn32BitCode() throws Exception {
        check("addr16", PASS);
    }

    @Test
    void machineStatusWordAndArpl() throws Exception {
        check("cr0_arpl", PASS);
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
    void doubleFaultOnKernelStackOverflow() throws Exception {
        check("double_fault_stack", PASS);
    }

    @Test
    void faultsRestoringUserSegmentsAndOnIret() throws Exception {
        check("sreg_restore_faults", PASS);
    }

    @Test
    void controlRegister4() throws Exception {
        check("cr4", PASS);
    }

    @Test
    void tripleFaultResets() throws Exception {
        check("triple_fault", "reset (triple fault)");
    }

    private void check(String program, String expectedEnding) throws Exception {
        GuestProgram p = GuestProgramBuilder.build(program, work);
        GuestRun qemu = QemuOracle.run(p);
        assertEquals(expectedEnding, qemu.ending(), "QEMU's run of " + program + " (the program is wrong):\n"
                + qemu.transcript() + qemu.detail());
        GuestRun jmoo = JmooGuestRunner.run(p);
        if (!jmoo.transcript().equals(qemu.transcript())) {
            fail(program + ": jmoo and QEMU differ, " + firstDifference(qemu.transcript(), jmoo.transcript())
                    + "\njmoo's final state: " + jmoo.detail() + "\n--- QEMU:\n" + qemu.transcript()
                    + "--- jmoo:\n" + jmoo.transcript()
                    + "(TraceCompareTool finds the first instruction where the two CPUs part.)");
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) {
            i++;
        }
        return "first at line " + (i + 1) + ":\n  qemu: " + (i < e.length ? e[i] : "<end>") + "\n  jmoo: "
                + (i < a.length ? a[i] : "<end>");
    }
}
