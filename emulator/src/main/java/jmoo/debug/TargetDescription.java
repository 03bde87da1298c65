package jmoo.debug;

/**
 * The target description gdb reads with {@code qXfer:features:read:target.xml}: it makes gdb
 * pick the i386 architecture without an executable (on an x86-64 host it would assume x86-64)
 * and fixes the register numbering of {@link I386Register}.
 */
final class TargetDescription {
    private TargetDescription() {
    }

    static final String XML = buildXml();

    private static String buildXml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n");
        sb.append("<target version=\"1.0\">\n<architecture>i386</architecture>\n");
        sb.append("<feature name=\"org.gnu.gdb.i386.core\">\n");
        for (I386Register r : I386Register.values()) {
            sb.append("  <reg name=\"").append(r.gdbName()).append("\" bitsize=\"").append(r.sizeBytes() * 8)
                    .append("\" type=\"").append(type(r)).append('"');
            if (r.ordinal() >= I386Register.FCTRL.ordinal()) {
                sb.append(" group=\"float\"");
            }
            sb.append("/>\n");
        }
        sb.append("</feature>\n</target>\n");
        return sb.toString();
    }

    private static String type(I386Register r) {
        return switch (r) {
            case ESP, EBP -> "data_ptr";
            case EIP -> "code_ptr";
            case EFLAGS -> "int32";
            case ST0, ST1, ST2, ST3, ST4, ST5, ST6, ST7 -> "i387_ext";
            default -> "int32";
        };
    }

    /** The reply to a read of {@code [offset, offset+length)}: 'm' and data, or 'l' for the last part. */
    static String read(long offset, long length) {
        if (offset >= XML.length()) {
            return "l";
        }
        int end = (int) Math.min(XML.length(), offset + length);
        return (end == XML.length() ? "l" : "m") + XML.substring((int) offset, end);
    }
}
