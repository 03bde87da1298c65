package jmoo.console;

/** What the monitor may do to the running machine; implementations are thread-safe. */
public interface MonitorTarget {
    String registers();

    String memoryMappings();

    void stop();

    void cont();

    boolean stopped();

    void quit();
}
