package jmoo.cli.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Turns the bytes a jmoo guest writes to COM1 into {@link ConsoleLine}s (carriage returns
 * dropped), stamping each with the host clock and the instruction count at its newline.
 */
final class LineAssembler implements IntConsumer {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final LongSupplier instructions;
    private final Consumer<ConsoleLine> lines;

    LineAssembler(LongSupplier instructions, Consumer<ConsoleLine> lines) {
        this.instructions = instructions;
        this.lines = lines;
    }

    @Override
    public void accept(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            lines.accept(new ConsoleLine(text, System.nanoTime(), instructions.getAsLong()));
        } else if (b != '\r') {
            line.write(b);
        }
    }
}
