package jmoo.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GdbStubTest {
    private static final int CODE = 0x1000;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private GdbServer server;
    private Future<SessionEnd> session;
    private final Breakpoints breakpoints = new Breakpoints();

    @AfterEach
    void stop() throws IOException {
        executor.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private RspTestClient connect(ToyX86Target target) throws IOException {
        server = new GdbServer(0);
        session = executor.submit(() -> server.serveOne(target, breakpoints));
        return new RspTestClient(server.port());
    }

    private static String le32(int v) {
        StringBuilder sb = new StringBuilder();
        Hex.appendLittleEndian(sb, v, 4);
        return sb.toString();
    }

    /** inc eax; inc eax; mov [0x2000],eax; jmp back to the start. */
    private static ToyX86Target loop() {
        return new ToyX86Target(CODE, 0x40, 0x40, 0xA3, 0x00, 0x20, 0, 0, 0xEB, -9);
    }

    @Test
    void announcesFeaturesAndServesAnI386TargetDescriptionInParts() throws Exception {
        try (RspTestClient gdb = connect(loop())) {
            String features = gdb.request("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
            assertTrue(features.contains("qXfer:features:read+"), features);
            assertTrue(features.contains("QStartNoAckMode+"), features);
            StringBuilder xml = new StringBuilder();
            String part;
            do {
                part = gdb.request("qXfer:features:read:target.xml:" + Integer.toHexString(xml.length()) + ",40");
                xml.append(part.substring(1));
            } while (part.charAt(0) == 'm');
            assertEquals(TargetDescription.XML, xml.toString());
            assertTrue(xml.indexOf("<architecture>i386</architecture>") > 0);
            assertTrue(xml.indexOf("<reg name=\"eip\" bitsize=\"32\" type=\"code_ptr\"/>") > 0);
            assertEquals("1", gdb.request("qAttached"));
            assertEquals("", gdb.request("vMustReplyEmpty"));
        }
    }

    @Test
    void readsAndWritesRegistersInGdbOrder() throws Exception {
        ToyX86Target target = loop();
        target.setRegister(I386Register.ECX, 0x11223344);
        target.setRegister(I386Register.GS, 0x33);
        try (RspTestClient gdb = connect(target)) {
            String g = gdb.request("g");
            assertEquals(16 * 8 + 8 * 20 + 8 * 8, g.length());
            assertEquals(le32(0x11223344), g.substring(8, 16));
            assertEquals(le32(CODE), g.substring(8 * 8, 9 * 8));
            assertEquals(le32(0x33), g.substring(15 * 8, 16 * 8));
            assertEquals("x".repeat(20), g.substring(16 * 8, 16 * 8 + 20));
            assertEquals(le32(CODE), gdb.request("p8"));
            assertEquals("OK", gdb.request("P0=" + le32(0xCAFEBABE)));
            assertEquals(0xCAFEBABE, target.register(I386Register.EAX));
            String changed = le32(7) + g.substring(8, 3 * 8) + le32(0x55aa) + g.substring(4 * 8);
            assertEquals("OK", gdb.request("G" + changed));
            assertEquals(7, target.register(I386Register.EAX));
            assertEquals(0x55aa, target.register(I386Register.EBX));
            assertEquals(0x11223344, target.register(I386Register.ECX));
            assertEquals("E16", gdb.request("p99"));
        }
    }

    @Test
    void readsAndWritesMemoryInHexAndBinaryWithEscapes() throws Exception {
        ToyX86Target target = loop();
        try (RspTestClient gdb = connect(target)) {
            assertEquals("4040a3", gdb.request("m1000,3"));
            assertEquals("OK", gdb.request("M3000,2:beef"));
            assertEquals((byte) 0xbe, target.memory[0x3000]);
            String binary = "#$}*\u0000\u00ff";
            assertEquals("OK", gdb.request("X3010,6:" + binary));
            assertEquals("23247d2a00ff", gdb.request("m3010,6"));
            assertEquals("0000", gdb.request("mfffe,4"), "a read crossing the end of memory is partial");
            assertEquals("E0e", gdb.request("m20000,4"));
            assertEquals("E0e", gdb.request("M20000,1:00"));
        }
    }

    @Test
    void softwareBreakpointStopsBeforeTheInstructionAndContinuingMakesProgress() throws Exception {
        ToyX86Target target = loop();
        try (RspTestClient gdb = connect(target)) {
            assertEquals("OK", gdb.request("Z0,1002,1"));
            assertEquals("T05swbreak:;", gdb.request("c"));
            assertEquals(CODE + 2, target.register(I386Register.EIP));
            assertEquals(2, target.instructionCount());
            assertEquals("T05swbreak:;", gdb.request("c"));
            assertEquals(2 + 4, target.instructionCount(), "one trip around the loop");
            assertEquals(4, target.register(I386Register.EAX));
            assertEquals("OK", gdb.request("z0,1002,1"));
            assertEquals("OK", gdb.request("Z1,1007,1"));
            assertEquals("T05hwbreak:;", gdb.request("c"));
            assertEquals(CODE + 7, target.register(I386Register.EIP));
        }
    }

    @Test
    void writeWatchpointStopsAfterTheWritingInstruction() throws Exception {
        ToyX86Target target = loop();
        try (RspTestClient gdb = connect(target)) {
            assertEquals("OK", gdb.request("Z2,2000,4"));
            assertEquals("T05watch:2000;", gdb.request("c"));
            assertEquals(CODE + 7, target.register(I386Register.EIP));
            assertEquals("02000000", gdb.request("m2000,4"));
            assertEquals("T05watch:2000;", gdb.request("c"));
            assertEquals("04000000", gdb.request("m2000,4"));
            assertEquals("OK", gdb.request("z2,2000,4"));
            assertEquals("OK", gdb.request("Z4,2002,1"));
            assertEquals("T05awatch:2002;", gdb.request("c"), "an access watchpoint reports the watched byte written");
            assertEquals("OK", gdb.request("z4,2002,1"));
            assertEquals("OK", gdb.request("Z3,2000,4"));
            assertEquals("OK", gdb.request("z3,2000,4"));
            assertEquals("", gdb.request("Z5,2000,4"), "no such type");
        }
    }

    @Test
    void singleStepExecutesExactlyOneInstructionAndCanResumeElsewhere() throws Exception {
        ToyX86Target target = loop();
        try (RspTestClient gdb = connect(target)) {
            assertEquals("S05", gdb.request("s"));
            assertEquals(1, target.instructionCount());
            assertEquals(CODE + 1, target.register(I386Register.EIP));
            assertEquals("S05", gdb.request("s1007"));
            assertEquals(CODE, target.register(I386Register.EIP));
            assertEquals("S05", gdb.request("?"));
        }
    }

    @Test
    void ctrlCInterruptsARunningTarget() throws Exception {
        ToyX86Target target = loop();
        try (RspTestClient gdb = connect(target)) {
            gdb.sendRaw(new String(RspChannel.frame("c"), java.nio.charset.StandardCharsets.ISO_8859_1));
            gdb.expectByte('+');
            while (target.instructionCount() < 100_000) {
                Thread.onSpinWait();
            }
            gdb.sendRaw("\u0003");
            assertEquals("S02", gdb.readReply());
            assertTrue(target.instructionCount() >= 100_000);
        }
    }

    @Test
    void gdbGoingAwayWhileTheTargetRunsEndsTheSessionAndItsBreakpoints() throws Exception {
        ToyX86Target target = loop();
        RspTestClient gdb = connect(target);
        assertEquals("OK", gdb.request("Z0,1100,1"));
        gdb.sendRaw(new String(RspChannel.frame("c"), java.nio.charset.StandardCharsets.ISO_8859_1));
        gdb.expectByte('+');
        while (target.instructionCount() < 10_000) {
            Thread.onSpinWait();
        }
        gdb.close();
        assertEquals(SessionEnd.DISCONNECTED, session.get(30, TimeUnit.SECONDS));
        assertFalse(breakpoints.hasCodeBreakpoints(), "the session's breakpoints ended with it");
    }

    @Test
    void haltTripleFaultAndExitAreReportedAsStops() throws Exception {
        try (RspTestClient gdb = connect(new ToyX86Target(CODE, 0x90, 0xF4, 0x0B))) {
            assertEquals("S05", gdb.request("c"));
            assertEquals("S0b", gdb.request("c"));
        }
    }

    @Test
    void noAckModeStopsAcknowledgements() throws Exception {
        ToyX86Target target = loop();
        try (RspTestClient gdb = connect(target)) {
            assertEquals("OK", gdb.request("QStartNoAckMode"));
            gdb.noAck = true;
            assertEquals("4040", gdb.request("m1000,2"), "no '+' precedes the reply any more");
            assertEquals("OK", gdb.request("D"));
            assertEquals(SessionEnd.DETACHED, session.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCorruptPacketIsRefusedAndTheRetransmissionServed() throws Exception {
        try (RspTestClient gdb = connect(loop())) {
            gdb.sendRaw("$m1000,1#00");
            gdb.expectByte('-');
            assertEquals("40", gdb.request("m1000,1"));
            gdb.sendRaw("$k#6b");
            gdb.expectByte('+');
            assertEquals(SessionEnd.KILLED, session.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void monitorIcountReportsTheInstructionCount() throws Exception {
        ToyX86Target target = loop();
        target.run(5);
        try (RspTestClient gdb = connect(target)) {
            String reply = gdb.request("qRcmd," + Hex.bytes("icount".getBytes(), 0, 6));
            assertEquals("5\n", new String(Hex.decode(reply, 0, reply.length() / 2)));
        }
    }
}
