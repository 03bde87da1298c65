package jmoo.cli.cow;

import java.io.IOException;
import java.io.PrintWriter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A progress bar drawn on the terminal through jline, on one line rewritten in place. It
 * appears only once an operation has run for a moment, so quick ones stay quiet.
 */
final class TerminalProgress implements CowCommand.Progress {
    private static final long QUIET_NANOS = 400_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private Terminal terminal;
    private boolean drawn;

    /** A bar on the terminal when there is one (stdout interactive), else nothing. */
    static CowCommand.Progress forStdout() {
        return System.console() != null ? new TerminalProgress() : QUIET;
    }

    static final CowCommand.Progress QUIET = new CowCommand.Progress() {
        @Override
        public jmoo.disk.Progress start(String label) {
            return jmoo.disk.Progress.NONE;
        }

        @Override
        public void finish() {
        }
    };

    @Override
    public jmoo.disk.Progress start(String label) {
        long started = System.nanoTime();
        long[] last = {0};
        return (done, total) -> {
            long now = System.nanoTime();
            if (now - started < QUIET_NANOS || now - last[0] < REDRAW_NANOS) {
                return;
            }
            last[0] = now;
            draw(label, done, total);
        };
    }

    private void draw(String label, long done, long total) {
        try {
            if (terminal == null) {
                terminal = TerminalBuilder.builder().system(true).build();
            }
        } catch (IOException e) {
            return;
        }
        int width = Math.max(20, Math.min(terminal.getWidth() > 0 ? terminal.getWidth() : 80, 100));
        int barWidth = width - label.length() - 10;
        double f = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int fill = (int) (f * Math.max(barWidth, 0));
        String bar = "#".repeat(fill) + " ".repeat(Math.max(barWidth, 0) - fill);
        PrintWriter w = terminal.writer();
        w.printf("\r%s [%s] %3d%%", label, bar, (int) (f * 100));
        w.flush();
        drawn = true;
    }

    @Override
    public void finish() {
        if (terminal == null) {
            return;
        }
        if (drawn) {
            terminal.writer().print("\r" + " ".repeat(Math.max(1, terminal.getWidth() - 1)) + "\r");
            terminal.writer().flush();
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // nothing left to draw
        }
        terminal = null;
        drawn = false;
    }
}
