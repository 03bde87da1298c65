package jmoo.console;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import jmoo.machine.Mailbox;
import jmoo.machine.MachineInspector;
import jmoo.machine.RunLoop;
import jmoo.machine.RunOutcome;

/** The monitor's view of a running machine: state is read on the machine thread, between slices. */
public final class RunningMachineTarget implements MonitorTarget {
    private final Mailbox mailbox;
    private final RunLoop loop;
    private final MachineInspector inspector;
    private final Function<String, String> moreCommands;
    private final String moreHelp;

    public RunningMachineTarget(Mailbox mailbox, RunLoop loop, MachineInspector inspector) {
        this(mailbox, loop, inspector, line -> null, "");
    }

    /**
     * @param moreCommands further monitor commands (e.g. the disk commands), run on the machine
     *                     thread; returns null for a line it does not know
     */
    public RunningMachineTarget(Mailbox mailbox, RunLoop loop, MachineInspector inspector,
                                Function<String, String> moreCommands, String moreHelp) {
        this.mailbox = mailbox;
        this.loop = loop;
        this.inspector = inspector;
        this.moreCommands = moreCommands;
        this.moreHelp = moreHelp;
    }

    @Override
    public String moreCommands(String line) {
        return onMachineThread(() -> moreCommands.apply(line));
    }

    @Override
    public String moreHelp() {
        return moreHelp;
    }

    private String onMachineThread(Supplier<String> query) {
        CompletableFuture<String> result = new CompletableFuture<>();
        mailbox.post(() -> {
            try {
                result.complete(query.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "the machine did not answer (it has stopped running)";
        } catch (ExecutionException e) {
            return "error: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public String registers() {
        return onMachineThread(inspector::registers);
    }

    @Override
    public String memoryMappings() {
        return onMachineThread(inspector::memoryMappings);
    }

    @Override
    public void stop() {
        loop.pause();
    }

    @Override
    public void cont() {
        loop.resume();
    }

    @Override
    public boolean stopped() {
        return loop.isPaused();
    }

    @Override
    public void quit() {
        loop.quit(new RunOutcome(RunOutcome.Kind.QUIT, "quit from the console"));
    }
}
