package jmoo.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jmoo.cli.UserError;
import org.junit.jupiter.api.Test;

class UbdArgumentTest {
    @Test
    void umlOrderWithCommaOrColon() throws UserError {
        for (String text : List.of("ubd0=root.cow,root_fs", "ubd0=root.cow:root_fs")) {
            UbdArgument a = UbdArgument.parse(text);
            assertEquals(0, a.slot());
            assertEquals(UbdFlags.NONE, a.flags());
            assertEquals(List.of(Path.of("root.cow"), Path.of("root_fs")), a.files());
            assertEquals(text, a.text());
        }
    }

    @Test
    void slotsByNumberOrLetter() throws UserError {
        assertEquals(15, UbdArgument.parse("ubd15=x").slot());
        assertEquals(7, UbdArgument.parse("ubd7=x").slot());
        assertEquals(1, UbdArgument.parse("ubdb=x").slot());
        assertEquals(15, UbdArgument.parse("ubdp=x").slot());
        UbdArgument c = UbdArgument.parse("ubdcd=x");
        assertEquals(2, c.slot());
        assertTrue(c.flags().noCow());
        assertEquals("ubdc", c.deviceName());
    }

    @Test
    void flagsInAnyOrderAndCombination() throws UserError {
        UbdFlags rs = UbdArgument.parse("ubd1rs=data.img").flags();
        assertTrue(rs.readOnly());
        assertTrue(rs.sync());
        assertFalse(rs.noCow());
        assertFalse(rs.shared());
        assertEquals(rs, UbdArgument.parse("ubd1sr=data.img").flags());
        UbdFlags all = UbdArgument.parse("ubd3dcsr=plain.img").flags();
        assertEquals(new UbdFlags(true, true, true, true), all);
        assertEquals("rscd", all.toString());
    }

    @Test
    void baseFirstChainKeepsTheNamedOrder() throws UserError {
        UbdArgument a = UbdArgument.parse("ubd0=initial_root_fs,previous_root_fs,current_root_fs");
        assertEquals(List.of(Path.of("initial_root_fs"), Path.of("previous_root_fs"), Path.of("current_root_fs")),
                a.files());
    }

    @Test
    void errorsQuoteTheArgumentAndSayWhy() {
        assertError("ubd16=x", "ubd16=x: disk 16 is not in 0..15 (ubda..ubdp)");
        assertError("ubdq=x", "ubdq=x: disk q is not in 0..15");
        assertError("ubd123=x", "ubd123=x: disk 123 is not in 0..15");
        assertError("ubd0x=a", "ubd0x=a: unknown flag 'x'");
        assertError("ubd0=", "ubd0=: no file named after =");
        assertError("ubd0=a,,b", "ubd0=a,,b: an empty file name");
        assertError("ubd0=a,", "ubd0=a,: an empty file name");
        assertError("ubd0d=a.cow,b", "ubd0d=a.cow,b: the d flag means one plain image, but 2 files are named");
        assertError("ubd=x", "ubd=x: no disk number after ubd");
    }

    @Test
    void recognisesDiskArgumentsAmongKernelArguments() {
        assertTrue(UbdArgument.looksLikeDisk("ubd0=x"));
        assertTrue(UbdArgument.looksLikeDisk("ubd1rs=x"));
        assertTrue(UbdArgument.looksLikeDisk("ubd99=x"));
        assertFalse(UbdArgument.looksLikeDisk("root=/dev/ubda"));
        assertFalse(UbdArgument.looksLikeDisk("ubd"));
        assertFalse(UbdArgument.looksLikeDisk("console=ttyS0"));
    }

    private static void assertError(String text, String messageStart) {
        UserError e = assertThrows(UserError.class, () -> UbdArgument.parse(text));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
