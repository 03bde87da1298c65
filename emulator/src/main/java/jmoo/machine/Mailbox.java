package jmoo.machine;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How other threads (the console reader, the monitor) reach the machine thread: tasks to run
 * between instruction slices, a wake-up when console input arrived (the bytes themselves travel
 * through the run's {@code InputSource}), and the end of input. The machine thread drains it at
 * slice boundaries.
 */
public final class Mailbox {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean signalled;
    private boolean inputClosed;

    /** Wakes the machine thread if it is idle (console input arrived). Any thread. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more console input will come (stdin reached its end). Any thread. */
    public void closeInput() {
        lock.lock();
        try {
            inputClosed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean inputClosed() {
        lock.lock();
        try {
            return inputClosed;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code task} to run on the machine thread between slices. Any thread. */
    public void post(Runnable task) {
        lock.lock();
        try {
            tasks.add(task);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs every queued task (machine thread only). */
    public void runTasks() {
        for (;;) {
            Runnable task;
            lock.lock();
            try {
                task = tasks.poll();
            } finally {
                lock.unlock();
            }
            if (task == null) {
                return;
            }
            task.run();
        }
    }

    /**
     * Waits up to {@code nanos} for a wake-up or a task (returns at once if one came since the
     * last wait). Returns true when woken rather than timed out.
     */
    public boolean await(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (!signalled && tasks.isEmpty() && left > 0) {
                left = changed.awaitNanos(left);
            }
            boolean woken = signalled || !tasks.isEmpty();
            signalled = false;
            return woken;
        } finally {
            lock.unlock();
        }
    }
}
