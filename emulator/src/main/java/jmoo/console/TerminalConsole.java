package jmoo.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The guest's serial console on the user's terminal: raw mode (every key, Ctrl-C included,
 * goes to the guest; bytes pass untouched, so UTF-8 stays intact), the Ctrl-A escapes of
 * {@link EscapeDecoder}, and the monitor on a jline prompt with history and completion.
 */
public final class TerminalConsole implements AutoCloseable {
    private static final String LEAVE_WIDGET = "jmoo-leave-monitor";
    /** Disk names for the completion of remove and snapshot. */
    private static final String[] UBD_NAMES = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "ubd" + i)
            .toArray(String[]::new);

    private final Terminal terminal;
    private final Attributes original;
    private final Attributes raw;
    private final Attributes monitorMode;
    private final GuestOutput output;
    private final KeyboardSink keyboard;
    private final Path historyFile;
    private MonitorTarget target;
    private Monitor monitor;
    private LineReader reader;
    private boolean leaveMonitor;

    public TerminalConsole(KeyboardSink keyboard, Path historyFile) throws IOException {
        // jline 3.30 warns at every start that its JNA provider is deprecated (the one we ship)
        System.setProperty("org.jline.terminal.disableDeprecatedProviderWarning", "true");
        this.terminal = TerminalBuilder.builder().system(true).name("jmoo").build();
        this.keyboard = keyboard;
        this.historyFile = historyFile;
        this.output = new GuestOutput(terminal.output());
        this.original = terminal.enterRawMode();
        this.raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);      // Ctrl-C, Ctrl-Z go to the guest
        raw.setOutputFlag(Attributes.OutputFlag.OPOST, false);   // the guest sends its own CR LF
        raw.setInputFlag(Attributes.InputFlag.ICRNL, false);
        raw.setControlChar(Attributes.ControlChar.VMIN, 1);
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        terminal.setAttributes(raw);
        this.monitorMode = monitorMode(original);
    }

    /**
     * The terminal's mode while the monitor is open, between its prompts (jline's line reader
     * switches to its own raw mode for each prompt and back to this): the user's mode (output
     * processing, signals) without the tty's line editing and echo. In the user's cooked mode, a
     * key typed while the monitor worked or printed its answer was echoed by the tty, and a Ctrl-D
     * (leave the monitor) became a NUL when the next prompt switched to raw mode: it was lost.
     * Here every key waits, unchanged and unechoed, for the next prompt.
     */
    static Attributes monitorMode(Attributes original) {
        Attributes mode = new Attributes(original);
        mode.setLocalFlag(Attributes.LocalFlag.ICANON, false);
        mode.setLocalFlag(Attributes.LocalFlag.ECHO, false);
        mode.setLocalFlag(Attributes.LocalFlag.IEXTEN, false);
        mode.setInputFlag(Attributes.InputFlag.ICRNL, false);
        mode.setControlChar(Attributes.ControlChar.VMIN, 1);
        mode.setControlChar(Attributes.ControlChar.VTIME, 0);
        return mode;
    }

    /** The terminal's size as COLSxROWS, or null when it does not know it. */
    public String windowSize() {
        org.jline.terminal.Size size = terminal.getSize();
        return size.getColumns() > 0 && size.getRows() > 0 ? size.getColumns() + "x" + size.getRows() : null;
    }

    /** Where the guest's serial output goes. */
    public GuestOutput output() {
        return output;
    }

    /** Starts the keyboard thread (a daemon: it dies with the process); the monitor acts on {@code target}. */
    public void start(MonitorTarget target) {
        this.target = target;
        this.monitor = new Monitor(target);
        Thread t = new Thread(this::readKeyboard, "jmoo-keyboard");
        t.setDaemon(true);
        t.start();
    }

    private void readKeyboard() {
        EscapeDecoder decoder = new EscapeDecoder(new EscapeDecoder.Listener() {
            @Override
            public void toGuest(byte[] bytes, int length) {
                keyboard.offer(bytes, 0, length);
            }

            @Override
            public void command(EscapeDecoder.Command command) {
                switch (command) {
                    case QUIT -> target.quit();
                    case HELP -> printLines(EscapeDecoder.HELP);
                    case MONITOR -> runMonitor();
                }
            }
        });
        InputStream in = terminal.input();
        byte[] buf = new byte[256];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (n > 0) {
                    decoder.feed(buf, n);
                }
            }
        } catch (IOException e) {
            // the terminal went away: no more input
        }
        keyboard.close();
    }

    /** Prints jmoo's own text on the raw terminal (which needs explicit CR LF). */
    private void printLines(String text) {
        output.hold(true);
        PrintWriter w = terminal.writer();
        w.print("\r\n" + text.stripTrailing().replace("\n", "\r\n") + "\r\n");
        w.flush();
        output.hold(false);
    }

    /** The monitor prompt, until Ctrl-A c, Ctrl-D or quit; guest output waits meanwhile. */
    private void runMonitor() {
        output.hold(true);
        terminal.setAttributes(monitorMode);
        LineReader r = lineReader();
        terminal.writer().println();
        terminal.writer().println("jmoo monitor (help lists commands; Ctrl-A c or Ctrl-D returns to the guest)");
        leaveMonitor = false;
        while (!leaveMonitor) {
            String line;
            try {
                line = r.readLine("(jmoo) ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (leaveMonitor) {
                break;
            }
            String result = monitor.execute(line);
            if (!result.isEmpty()) {
                terminal.writer().println(result);
                terminal.writer().flush();
            }
            if (line.trim().equals("quit") || line.trim().equals("q")) {
                return; // the run ends and close() restores the terminal: do not go back to raw mode
            }
        }
        terminal.setAttributes(raw);
        output.hold(false);
    }

    private LineReader lineReader() {
        if (reader == null) {
            reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .completer(new AggregateCompleter(
                            new ArgumentCompleter(new StringsCompleter("info"), new StringsCompleter("regs", "mem", "disks"),
                                    NullCompleter.INSTANCE),
                            new ArgumentCompleter(new StringsCompleter("help", "stop", "cont", "quit"), NullCompleter.INSTANCE),
                            new ArgumentCompleter(new StringsCompleter("config", "remove", "snapshot"),
                                    new StringsCompleter(UBD_NAMES), NullCompleter.INSTANCE)))
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .build();
            reader.getWidgets().put(LEAVE_WIDGET, () -> {
                leaveMonitor = true;
                reader.getBuffer().clear();
                reader.callWidget(LineReader.ACCEPT_LINE);
                return true;
            });
            reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(LEAVE_WIDGET), KeyMap.ctrl('A') + "c");
        }
        return reader;
    }

    @Override
    public void close() throws IOException {
        output.flush();
        terminal.setAttributes(original);
        terminal.close();
    }
}
