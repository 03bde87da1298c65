package jmoo.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the form table and the generator on the host alone: names are unique, every generated
 * case runs natively without harm and reproducibly, and cases that leave the window untouched
 * do not write it.
 */
class FormTableNativeTest {
    private static NativeX86 host;

    @BeforeAll
    static void open() {
        host = NativeX86.sharedOrSkip();
    }

    @Test
    void formNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (Form f : FormTable.all()) {
            assertTrue(names.add(f.name), "duplicate form " + f.name);
        }
        assertTrue(names.size() > 300, "table unexpectedly small: " + names.size());
    }

    @Test
    void everyFormRunsNativelyAndReproducibly() {
        CaseGenerator gen = new CaseGenerator(host.windowAddress());
        List<Form> forms = FormTable.all();
        for (Form f : forms) {
            for (int i = 0; i < 40; i++) {
                long seed = DiffSeeds.caseSeed(f, i);
                DiffCase c = gen.generate(f, seed);
                DiffCase again = gen.generate(f, seed);
                assertEquals(c.hexBytes(), again.hexBytes(), f.name);
                assertEquals(c.hexHostBytes(), again.hexHostBytes(), f.name);
                assertEquals(c.in, again.in, f.name);
                if (f.fault.divideError(c)) {
                    continue;
                }
                MachineState first = host.execute(c.hostBytes, c.in);
                MachineState second = host.execute(c.hostBytes, c.in);
                assertEquals(first, second, () -> "not reproducible: " + c.describeInputs());
            }
        }
    }

    @Test
    void solvedAddressesReachTheChosenOperandInEveryAddressingMode() {
        CaseGenerator gen = new CaseGenerator(host.windowAddress());
        for (Form load : FormTable.all()) {
            if (!load.name.startsWith("MOV r") || !load.name.contains(", r/m") || load.name.startsWith("MOVZX")) {
                continue;
            }
            int checked = 0;
            for (int i = 0; checked < 500; i++) {
                DiffCase c = gen.generate(load, DiffSeeds.caseSeed(load, i));
                if (c.memOffset < 0) {
                    continue;
                }
                MachineState out = host.execute(c.hostBytes, c.in);
                assertEquals(c.in.readMem(c.memOffset, load.rmSize), out.readReg(c.regField, load.regSize),
                        c::describeInputs);
                checked++;
            }
        }
    }

    @Test
    void registerOnlyMovesLeaveTheWindowAlone() {
        CaseGenerator gen = new CaseGenerator(host.windowAddress());
        Form mov = FormTable.all().stream().filter(f -> f.name.startsWith("MOV r32, imm")).findFirst().orElseThrow();
        DiffCase c = gen.generate(mov, 1);
        MachineState out = host.execute(c.hostBytes, c.in);
        assertEquals(c.imm, out.regs[c.regField]);
        assertTrue(java.util.Arrays.equals(c.in.window, out.window));
    }
}
