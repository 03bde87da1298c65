package jmoo.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BasicExecutionTest {
    @Test
    void loopSumsAndHalts() {
        TestMachine m = new TestMachine().load(
                "mov $10, %ecx\n xor %eax, %eax\n 1: add %ecx, %eax\n loop 1b\n hlt");
        m.runToHalt();
        assertEquals(55, m.reg(Cpu.EAX));
        assertEquals(0, m.reg(Cpu.ECX));
    }

    @Test
    void callRetAndStack() {
        TestMachine m = new TestMachine().load(
                "push $7\n call f\n add $4, %esp\n hlt\n f: mov 4(%esp), %eax\n imul $3, %eax, %ebx\n ret");
        m.runToHalt();
        assertEquals(7, m.reg(Cpu.EAX));
        assertEquals(21, m.reg(Cpu.EBX));
        assertEquals(TestMachine.STACK_TOP, m.reg(Cpu.ESP));
    }
}
