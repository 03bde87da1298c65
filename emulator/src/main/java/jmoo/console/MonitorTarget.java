package jmoo.console;

/** What the monitor may do to the running machine; implementations are thread-safe. */
public interface MonitorTarget {
    String registers();

    String memoryMappings();

    void stop();

    void cont();

    boolean stopped();

    void quit();

    /** Runs a command the monitor itself does not know (e.g. the disk commands); null when it is not one. */
    default String moreCommands(String line) {
        return null;
    }

    /** Help lines for {@link #moreCommands}, or "". */
    default String moreHelp() {
        return "";
    }
}
