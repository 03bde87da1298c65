package jmoo.cpu;

/**
 * Lazy arithmetic flags. An ALU operation records its kind, masked operands, masked result and
 * size; CF/PF/AF/ZF/SF/OF are computed only when something reads them. While {@link #lazyOp} is
 * {@link #L_NONE} the arithmetic bits of {@link #flags} are authoritative. INC and DEC keep the
 * previous CF in {@link #flags}. Sizes are 0 (byte), 1 (word), 2 (dword).
 */
abstract class LazyFlags extends CpuState {
    static final int L_NONE = 0, L_ADD = 1, L_ADC = 2, L_SUB = 3, L_SBB = 4, L_LOGIC = 5, L_INC = 6, L_DEC = 7;
    /**
     * A shift by a nonzero count (the compiled-block form, see FastOps#shiftImm): SF/ZF/PF from
     * the result, AF clear, CF and OF as computed, kept as flag bits in {@link #lazyB}.
     */
    static final int L_SHIFT = 8;

    static int mask(int size) {
        return -1 >>> (32 - (8 << size));
    }

    static int signBit(int size) {
        return 1 << ((8 << size) - 1);
    }

    /** Sign-extends a value of the given size to 32 bits. */
    static int sext(int v, int size) {
        int sh = 32 - (8 << size);
        return v << sh >> sh;
    }

    final void setLazy(int op, int a, int b, int r, int size) {
        lazyOp = op;
        lazyA = a;
        lazyB = b;
        lazyR = r;
        lazySize = size;
    }

    final boolean cf() {
        int a = lazyA, r = lazyR;
        switch (lazyOp) {
            case L_ADD: return Integer.compareUnsigned(r, a) < 0;
            case L_ADC: return Integer.compareUnsigned(r, a) <= 0;
            case L_SUB: return Integer.compareUnsigned(a, lazyB) < 0;
            case L_SBB: return Integer.compareUnsigned(a, lazyB) <= 0;
            case L_LOGIC: return false;
            case L_SHIFT: return (lazyB & CF) != 0;
            default: return (flags & CF) != 0;
        }
    }

    final boolean zf() {
        return lazyOp == L_NONE ? (flags & ZF) != 0 : lazyR == 0;
    }

    final boolean sf() {
        return lazyOp == L_NONE ? (flags & SF) != 0 : (lazyR & signBit(lazySize)) != 0;
    }

    final boolean pf() {
        return lazyOp == L_NONE ? (flags & PF) != 0 : (Integer.bitCount(lazyR & 0xFF) & 1) == 0;
    }

    final boolean of() {
        int a = lazyA, b = lazyB, r = lazyR;
        switch (lazyOp) {
            case L_ADD: case L_ADC: case L_INC: return (((a ^ r) & (b ^ r)) & signBit(lazySize)) != 0;
            case L_SUB: case L_SBB: case L_DEC: return (((a ^ b) & (a ^ r)) & signBit(lazySize)) != 0;
            case L_LOGIC: return false;
            case L_SHIFT: return (lazyB & OF) != 0;
            default: return (flags & OF) != 0;
        }
    }

    final boolean af() {
        switch (lazyOp) {
            case L_NONE: return (flags & AF) != 0;
            case L_LOGIC: case L_SHIFT: return false;
            default: return ((lazyA ^ lazyB ^ lazyR) & 0x10) != 0;
        }
    }

    /** Folds the lazy arithmetic flags into {@link #flags}. */
    final void materializeFlags() {
        if (lazyOp == L_NONE) {
            return;
        }
        int f = flags & ~ARITH_FLAGS;
        if (cf()) f |= CF;
        if (pf()) f |= PF;
        if (af()) f |= AF;
        if (zf()) f |= ZF;
        if (sf()) f |= SF;
        if (of()) f |= OF;
        flags = f;
        lazyOp = L_NONE;
    }

    /** The full EFLAGS value, bit 1 set. */
    final int readEflags() {
        materializeFlags();
        return flags | 2;
    }

    /** Sets the arithmetic flags eagerly (for shifts, multiplies, BCD, ...). */
    final void setArith(int arith) {
        lazyOp = L_NONE;
        flags = (flags & ~ARITH_FLAGS) | (arith & ARITH_FLAGS);
    }

    /** SF, ZF and PF of a masked result of the given size. */
    static int szp(int r, int size) {
        int f = 0;
        if (r == 0) f |= ZF;
        if ((r & signBit(size)) != 0) f |= SF;
        if ((Integer.bitCount(r & 0xFF) & 1) == 0) f |= PF;
        return f;
    }

    /** Condition code cc (the low nibble of Jcc/SETcc/CMOVcc). */
    final boolean condition(int cc) {
        boolean r;
        switch (cc >> 1) {
            case 0: r = of(); break;
            case 1: r = cf(); break;
            case 2: r = zf(); break;
            case 3: r = lazyOp == L_SUB ? Integer.compareUnsigned(lazyA, lazyB) <= 0 : cf() || zf(); break;
            case 4: r = sf(); break;
            case 5: r = pf(); break;
            case 6: r = lazyOp == L_SUB ? sext(lazyA, lazySize) < sext(lazyB, lazySize) : sf() != of(); break;
            default: r = lazyOp == L_SUB ? sext(lazyA, lazySize) <= sext(lazyB, lazySize) : zf() || sf() != of(); break;
        }
        return r != ((cc & 1) != 0);
    }

    // ---- ALU operations: operands already masked to size; return the masked result ----

    /** Group-1 ALU operation: 0 ADD, 1 OR, 2 ADC, 3 SBB, 4 AND, 5 SUB, 6 XOR, 7 CMP. */
    final int alu(int op, int a, int b, int size) {
        int m = mask(size);
        int r;
        switch (op) {
            case 0: r = (a + b) & m; setLazy(L_ADD, a, b, r, size); return r;
            case 1: r = a | b; setLazy(L_LOGIC, a, b, r, size); return r;
            case 2: {
                boolean c = cf();
                r = (a + b + (c ? 1 : 0)) & m;
                setLazy(c ? L_ADC : L_ADD, a, b, r, size);
                return r;
            }
            case 3: {
                boolean c = cf();
                r = (a - b - (c ? 1 : 0)) & m;
                setLazy(c ? L_SBB : L_SUB, a, b, r, size);
                return r;
            }
            case 4: r = a & b; setLazy(L_LOGIC, a, b, r, size); return r;
            case 6: r = a ^ b; setLazy(L_LOGIC, a, b, r, size); return r;
            default: r = (a - b) & m; setLazy(L_SUB, a, b, r, size); return r;
        }
    }

    final int inc(int a, int size) {
        int carry = cf() ? CF : 0;
        int r = (a + 1) & mask(size);
        flags = (flags & ~CF) | carry;
        setLazy(L_INC, a, 1, r, size);
        return r;
    }

    final int dec(int a, int size) {
        int carry = cf() ? CF : 0;
        int r = (a - 1) & mask(size);
        flags = (flags & ~CF) | carry;
        setLazy(L_DEC, a, 1, r, size);
        return r;
    }

    final int neg(int a, int size) {
        int r = (-a) & mask(size);
        setLazy(L_SUB, 0, a, r, size);
        return r;
    }
}
