package jmoo.cpu.diff;

/** Seeds: fixed per form (from its name) and per case index, so any case can be regenerated. */
final class DiffSeeds {
    /** Changes every case at once when set (-Djmoo.cpudiff.seed=N); default fixed. */
    static final long BASE = Long.getLong("jmoo.cpudiff.seed", 0x6A6D6F6FL);

    private DiffSeeds() {
    }

    static long caseSeed(Form form, int index) {
        long h = BASE;
        for (char ch : form.name.toCharArray()) {
            h = h * 1_000_003L + ch;
        }
        return h * 0x9E3779B97F4A7C15L + index;
    }
}
