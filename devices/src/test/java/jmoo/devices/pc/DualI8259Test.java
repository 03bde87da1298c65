package jmoo.devices.pc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DualI8259Test {
    private DualI8259 pic;

    /** The sequence Linux's init_8259A writes: vectors 0x30 and 0x38, cascade on IRQ 2, 8086 mode. */
    @BeforeEach
    void initLikeLinux() {
        pic = new DualI8259();
        pic.out(0x21, 1, 0xFF);
        pic.out(0xA1, 1, 0xFF);
        pic.out(0x20, 1, 0x11);
        pic.out(0x21, 1, 0x30);
        pic.out(0x21, 1, 0x04);
        pic.out(0x21, 1, 0x01);
        pic.out(0xA0, 1, 0x11);
        pic.out(0xA1, 1, 0x38);
        pic.out(0xA1, 1, 0x02);
        pic.out(0xA1, 1, 0x01);
        pic.out(0x21, 1, 0x00);
        pic.out(0xA1, 1, 0x00);
    }

    @Test
    void deliversByPriorityAndHoldsLowerOnesUntilEoi() {
        pic.setIrq(3, true);
        pic.setIrq(1, true);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x31, pic.acknowledgeInterrupt());
        assertFalse(pic.hasInterrupt(), "IRQ 3 has lower priority than IRQ 1 in service");
        pic.out(0x20, 1, 0x20); // non-specific EOI
        assertTrue(pic.hasInterrupt());
        assertEquals(0x33, pic.acknowledgeInterrupt());
        pic.setIrq(0, true);
        assertTrue(pic.hasInterrupt(), "a higher priority interrupts a lower one in service");
        assertEquals(0x30, pic.acknowledgeInterrupt());
        pic.out(0x20, 1, 0x60 | 3); // specific EOI for IRQ 3, IRQ 0 stays in service
        pic.out(0x20, 1, 0x0B);     // OCW3: read ISR
        assertEquals(0x01, pic.in(0x20, 1));
        pic.out(0x20, 1, 0x0A);     // OCW3: read IRR
        assertEquals(0x00, pic.in(0x20, 1));
    }

    @Test
    void edgeTriggeredInputsLatchOnlyRisingEdges() {
        pic.setIrq(4, true);
        assertEquals(0x34, pic.acknowledgeInterrupt());
        pic.out(0x20, 1, 0x20);
        assertFalse(pic.hasInterrupt(), "a line held high does not request again");
        pic.setIrq(4, false);
        pic.setIrq(4, true);
        assertTrue(pic.hasInterrupt());
    }

    @Test
    void maskedRequestsWaitInIrr() {
        pic.out(0x21, 1, 0x01);
        assertEquals(0x01, pic.in(0x21, 1));
        pic.setIrq(0, true);
        assertFalse(pic.hasInterrupt());
        pic.out(0x20, 1, 0x0A);
        assertEquals(0x01, pic.in(0x20, 1));
        pic.out(0x21, 1, 0x00);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x30, pic.acknowledgeInterrupt());
    }

    @Test
    void slaveInterruptsGoThroughTheCascade() {
        pic.setIrq(12, true);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x3C, pic.acknowledgeInterrupt());
        int[] regs = pic.registers();
        assertEquals(0x04, regs[1], "master ISR has the cascade input");
        assertEquals(0x10, regs[4], "slave ISR has input 4");
        pic.setIrq(8, true); // higher priority on the slave, but the cascade input is in service
        assertFalse(pic.hasInterrupt());
        pic.out(0xA0, 1, 0x20);
        pic.out(0x20, 1, 0x20);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x38, pic.acknowledgeInterrupt());
        pic.setIrq(1, true);
        assertTrue(pic.hasInterrupt(), "IRQ 1 outranks the cascade input (IRQ 2) in service");
    }

    @Test
    void maskingTheSlaveInputOnTheMasterBlocksSlaveIrqs() {
        pic.out(0x21, 1, 0x04);
        pic.setIrq(8, true);
        assertFalse(pic.hasInterrupt());
        pic.out(0x21, 1, 0x00);
        assertEquals(0x38, pic.acknowledgeInterrupt());
    }

    @Test
    void acknowledgeWithNothingPendingIsSpuriousIrq7() {
        assertEquals(0x37, pic.acknowledgeInterrupt());
    }

    @Test
    void autoEoiLeavesNothingInService() {
        pic.out(0x20, 1, 0x11);
        pic.out(0x21, 1, 0x20);
        pic.out(0x21, 1, 0x04);
        pic.out(0x21, 1, 0x03); // 8086 mode + AEOI
        pic.out(0x21, 1, 0x00);
        pic.setIrq(5, true);
        assertEquals(0x25, pic.acknowledgeInterrupt());
        pic.setIrq(6, true);
        assertTrue(pic.hasInterrupt(), "IRQ 5 was not kept in service");
    }

    @Test
    void rotateOnNonSpecificEoiMakesTheServicedInputLowest() {
        pic.setIrq(0, true);
        assertEquals(0x30, pic.acknowledgeInterrupt());
        pic.out(0x20, 1, 0xA0); // rotate on non-specific EOI: IRQ 0 becomes lowest
        pic.setIrq(0, false);
        pic.setIrq(0, true);
        pic.setIrq(7, true);
        assertEquals(0x37, pic.acknowledgeInterrupt());
    }

    @Test
    void pollCommandReturnsAndAcknowledgesTheHighestRequest() {
        pic.out(0x21, 1, 0xFF);
        pic.setIrq(6, true);
        pic.out(0x21, 1, 0x00);
        pic.out(0x20, 1, 0x0C);
        assertEquals(0x86, pic.in(0x20, 1));
    }

    @Test
    void saveAndRestoreKeepPendingAndInServiceState() throws Exception {
        pic.setIrq(1, true);
        pic.acknowledgeInterrupt();
        pic.setIrq(5, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pic.saveState(new DataOutputStream(bytes));
        DualI8259 copy = new DualI8259();
        copy.restoreState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertFalse(copy.hasInterrupt());
        copy.out(0x20, 1, 0x20);
        assertTrue(copy.hasInterrupt());
        assertEquals(0x35, copy.acknowledgeInterrupt());
    }
}
