package jmoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmoo.machine.GuestAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./jmoo` as a script uses it: a separate JVM whose stdin is a pipe, so bytes pass straight
 * through to the guest's serial port; exit status and output are checked.
 */
@Timeout(180)
class BootVerbPipeTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private Result jmoo(String stdin, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, "jmoo.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void pipedInputReachesTheGuestAndPowerOffExitsZero() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Result r = jmoo("uname -a\n#", "--kernel", guest.toString(), "mem=16M");
        assertEquals("ready\nuname -a\nreboot: Power down\n", r.out());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void aResetEndsTheRunWithNoReboot() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Result r = jmoo("x!", "--kernel", guest.toString(), "--no-reboot");
        assertEquals("ready\nxbye\n", r.out());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("reset"), r.err());
    }

    @Test
    void aCrashExitsNonZeroWithARegisterReport() throws Exception {
        Path guest = GuestAssembler.build("/jmoo/machine/echo-guest.S", dir);
        Result r = jmoo("$", "--kernel", guest.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("guest crash: the CPU halted with interrupts disabled"), r.err());
        assertTrue(r.err().contains("EIP="), r.err());
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        Result missing = jmoo("", "--kernel", dir.resolve("nope").toString());
        assertEquals(2, missing.status());
        assertEquals("jmoo: kernel " + dir.resolve("nope") + ": no such file\n", missing.err());
        Result badMem = jmoo("", "--kernel", dir.resolve("nope").toString(), "mem=lots");
        assertEquals(2, badMem.status());
        assertTrue(badMem.err().startsWith("jmoo: mem=lots: not a size"), badMem.err());
        Path junk = dir.resolve("junk");
        java.nio.file.Files.writeString(junk, "not a kernel at all");
        Result neither = jmoo("", "--kernel", junk.toString());
        assertEquals(2, neither.status());
        assertTrue(neither.err().contains("expected a bzImage") && !neither.err().contains("\tat "), neither.err());
    }
}
