package jmoo.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CowHeaderCodecTest {
    private static final Path F = Path.of("test.cow");

    @ParameterizedTest
    @EnumSource(CowVersion.class)
    void everyLayoutRoundTrips(CowVersion version) throws Exception {
        CowHeader h = new CowHeader(version, "/images/root_fs", 1_700_000_123L, 1_048_676L, 512,
                version.alignmentOffset < 0 ? 512 : 4096, 0);
        ByteBuffer b = CowHeaderCodec.encode(F, h);
        assertEquals(version.headerSize, b.limit());
        assertEquals(h, CowHeaderCodec.decode(F, b));
    }

    @Test
    void v3FieldsSitWhereUmlPutsThem() throws Exception {
        ByteBuffer b = CowHeaderCodec.encode(F, CowHeader.v3("/b", 1000, 0x6b06d85eL));
        assertEquals(0x4F4F4F4D, b.getInt(0));
        assertEquals(3, b.getInt(4));
        assertEquals(0x6b06d85e, b.getInt(8));
        assertEquals(1000L, b.getLong(12));
        assertEquals(512, b.getInt(20));
        assertEquals(4096, b.getInt(24));
        assertEquals(0, b.getInt(28));
        assertEquals('/', b.get(32));
        assertEquals('b', b.get(33));
        assertEquals(0, b.get(34));
    }

    @Test
    void v1IsLittleEndianOnX86() throws Exception {
        ByteBuffer b = CowHeaderCodec.encode(F, new CowHeader(CowVersion.V1, "/b", 5, 4096, 512, 512, 0));
        assertEquals(0x4D, b.get(0));
        assertEquals(1, b.order(ByteOrder.LITTLE_ENDIAN).getInt(4));
    }

    @Test
    void bigEndianV1IsReadToo() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(280);
        b.putInt(0, CowHeaderCodec.MAGIC).putInt(4, 1).put(8, (byte) '/').putInt(264, 7).putLong(268, 8192)
                .putInt(276, 512);
        CowHeader h = CowHeaderCodec.decode(F, b);
        assertEquals(CowVersion.V1, h.version());
        assertEquals(8192, h.size());
        assertEquals(7, h.mtime());
    }

    @Test
    void layoutMatchesDesign() {
        CowHeader h = CowHeader.v3("/b", 1000, 0);
        assertEquals(8192, h.bitmapOffset());
        assertEquals(1, h.bitmapLength());
        assertEquals(12288, h.dataOffset());
        assertEquals(13288, h.createdFileLength());
        CowHeader big = CowHeader.v3("/b", 2053L * 512, 0);
        assertEquals(257, big.bitmapLength());
        assertEquals(12288, big.dataOffset());
        CowHeader v2 = new CowHeader(CowVersion.V2, "/b", 0, 1000, 512, 512, 0);
        assertEquals(4120, v2.bitmapOffset()); // where uml_moo reads it
        assertEquals(0, v2.bitmapLength()); // UML's historic rounding
        assertEquals(4608, v2.dataOffset());
        CowHeader v1 = new CowHeader(CowVersion.V1, "/b", 0, 8L << 20, 512, 512, 0);
        assertEquals(280, v1.bitmapOffset());
        assertEquals(2048, v1.bitmapLength());
        assertEquals(2560, v1.dataOffset());
    }

    @Test
    void brokenV3IsRecognisedByZeroesWhereThePathWouldStart() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4136);
        b.putInt(0, CowHeaderCodec.MAGIC).putInt(4, 3).putInt(8, 1234).putInt(12, 0).putLong(16, 4096).putInt(24, 512)
                .putInt(28, 4096).putInt(32, 0).put(36, (byte) '/').put(37, (byte) 'x');
        CowHeader h = CowHeaderCodec.decode(F, b);
        assertEquals(CowVersion.V3_BROKEN, h.version());
        assertEquals("/x", h.backingPath());
        assertEquals(4096, h.size());
        assertEquals(1234, h.mtime());
        assertEquals(8192, h.bitmapOffset());
    }

    @Test
    void errorsNameFileOffsetAndExpectation() throws Exception {
        ByteBuffer good = CowHeaderCodec.encode(F, CowHeader.v3("/b", 1000, 0));
        CowFormatException magic = assertThrows(CowFormatException.class,
                () -> CowHeaderCodec.decode(F, ByteBuffer.allocate(16)));
        assertEquals(0, magic.offset());
        assertTrue(magic.getMessage().startsWith("test.cow: at offset 0: expected COW magic"), magic.getMessage());

        ByteBuffer truncated = good.duplicate().limit(100);
        CowFormatException t = assertThrows(CowFormatException.class, () -> CowHeaderCodec.decode(F, truncated));
        assertEquals(100, t.offset());

        ByteBuffer sector = copy(good).putInt(20, 4096);
        assertEquals(20, assertThrows(CowFormatException.class, () -> CowHeaderCodec.decode(F, sector)).offset());

        ByteBuffer align = copy(good).putInt(24, 3000);
        assertEquals(24, assertThrows(CowFormatException.class, () -> CowHeaderCodec.decode(F, align)).offset());

        ByteBuffer huge = copy(good).putLong(12, -1L);
        assertEquals(12, assertThrows(CowFormatException.class, () -> CowHeaderCodec.decode(F, huge)).offset());

        ByteBuffer version = copy(good).putInt(4, 4);
        assertEquals(4, assertThrows(CowFormatException.class, () -> CowHeaderCodec.decode(F, version)).offset());

        ByteBuffer noNul = copy(good);
        for (int i = 32; i < 32 + 4096; i++) {
            noNul.put(i, (byte) 'a');
        }
        assertEquals(32, assertThrows(CowFormatException.class, () -> CowHeaderCodec.decode(F, noNul)).offset());
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.limit());
        c.put(b.duplicate()).clear();
        return c;
    }
}
