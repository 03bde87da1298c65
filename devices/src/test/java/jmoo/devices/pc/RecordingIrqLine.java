package jmoo.devices.pc;

import jmoo.devices.IrqLine;

/** An IRQ line for tests: remembers its level and counts rising edges. */
final class RecordingIrqLine implements IrqLine {
    boolean level;
    int risingEdges;

    @Override
    public void set(boolean newLevel) {
        if (newLevel && !level) {
            risingEdges++;
        }
        level = newLevel;
    }
}
