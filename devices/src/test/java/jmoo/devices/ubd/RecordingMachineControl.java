package jmoo.devices.ubd;

import java.util.ArrayList;
import java.util.List;

/** Records the machine control calls of the port block as words ("poweroff", "panic:msg"). */
final class RecordingMachineControl implements MachineControl {
    final List<String> calls = new ArrayList<>();

    @Override
    public void powerOff() {
        calls.add("poweroff");
    }

    @Override
    public void reboot() {
        calls.add("reboot");
    }

    @Override
    public void halt() {
        calls.add("halt");
    }

    @Override
    public void panic(String message) {
        calls.add("panic:" + message);
    }

    @Override
    public void panicEnd() {
        calls.add("panic-end");
    }
}
