package jmoo.cpu;

/**
 * The arithmetic whose flags are computed eagerly: shifts and rotates (group 2), double shifts,
 * multiply and divide, BCD adjusts, bit scans. Values are masked to their size (0 byte, 1 word,
 * 2 dword). Undefined flags follow what current Intel processors produce where that is cheap.
 */
abstract class Arithmetic extends LazyFlags {

    /** Group 2: 0 ROL, 1 ROR, 2 RCL, 3 RCR, 4 SHL, 5 SHR, 6 SAL(=SHL), 7 SAR. Count already fetched. */
    final int shift(int op, int a, int count, int size) {
        count &= 31;
        if (count == 0) {
            return a;
        }
        int bits = 8 << size;
        int m = mask(size);
        int f = op < 4 ? readEflags() & ARITH_FLAGS : 0; // rotates keep SF/ZF/AF/PF
        int r;
        switch (op) {
            case 0: { // ROL
                int c = count & (bits - 1);
                r = c == 0 ? a : ((a << c) | (a >>> (bits - c))) & m;
                int cf = r & 1;
                f = (f & ~(CF | OF)) | cf | ((((r >>> (bits - 1)) & 1) ^ cf) != 0 ? OF : 0);
                setArith(f);
                return r;
            }
            case 1: { // ROR
                int c = count & (bits - 1);
                r = c == 0 ? a : ((a >>> c) | (a << (bits - c))) & m;
                int msb = (r >>> (bits - 1)) & 1;
                int msb1 = (r >>> (bits - 2)) & 1;
                f = (f & ~(CF | OF)) | msb | ((msb ^ msb1) != 0 ? OF : 0);
                setArith(f);
                return r;
            }
            case 2: { // RCL
                int c = size == 2 ? count : count % (bits + 1);
                long wide = ((long) (f & CF) << bits) | (a & 0xFFFFFFFFL); // CF:a, bits+1 wide
                if (c != 0) {
                    long wmask = (1L << (bits + 1)) - 1;
                    wide = ((wide << c) | (wide >>> (bits + 1 - c))) & wmask;
                }
                r = (int) wide & m;
                int cf = (int) (wide >>> bits) & 1;
                f = (f & ~(CF | OF)) | cf | ((((r >>> (bits - 1)) & 1) ^ cf) != 0 ? OF : 0);
                setArith(f);
                return r;
            }
            case 3: { // RCR
                int c = size == 2 ? count : count % (bits + 1);
                long wide = ((long) (f & CF) << bits) | (a & 0xFFFFFFFFL);
                if (c != 0) {
                    long wmask = (1L << (bits + 1)) - 1;
                    wide = ((wide >>> c) | (wide << (bits + 1 - c))) & wmask;
                }
                r = (int) wide & m;
                int cf = (int) (wide >>> bits) & 1;
                int msb = (r >>> (bits - 1)) & 1;
                int msb1 = (r >>> (bits - 2)) & 1;
                f = (f & ~(CF | OF)) | cf | ((msb ^ msb1) != 0 ? OF : 0);
                setArith(f);
                return r;
            }
            case 4: case 6: { // SHL
                long wide = (a & 0xFFFFFFFFL) << count;
                r = (int) wide & m;
                int cf = (int) (wide >>> bits) & 1;
                f = szp(r, size) | cf | ((((r >>> (bits - 1)) & 1) ^ cf) != 0 ? OF : 0);
                setArith(f);
                return r;
            }
            case 5: { // SHR
                r = count >= bits ? 0 : a >>> count;
                int cf = (int) ((a & 0xFFFFFFFFL) >>> (count - 1)) & 1;
                f = szp(r, size) | cf | (((a >>> (bits - 1)) & 1) != 0 ? OF : 0);
                setArith(f);
                return r;
            }
            default: { // SAR
                int s = sext(a, size);
                r = (s >> Math.min(count, 31)) & m;
                int cf = (s >> Math.min(count - 1, 31)) & 1;
                setArith(szp(r, size) | cf);
                return r;
            }
        }
    }

    /** SHLD: shifts dst left, filling from src. */
    final int shld(int dst, int src, int count, int size) {
        count &= 31;
        if (count == 0) {
            return dst;
        }
        int r, cf;
        if (size == 2) {
            r = (dst << count) | (src >>> (32 - count));
            cf = (dst >>> (32 - count)) & 1;
        } else {
            int t = (dst << 16) | src;
            int rr = t << count;
            if (count > 16) {
                rr |= dst << (count - 16);
            }
            r = (rr >>> 16) & 0xFFFF;
            cf = (int) (((t & 0xFFFFFFFFL) >>> (32 - count)) & 1);
        }
        int bits = 8 << size;
        int msb = (r >>> (bits - 1)) & 1;
        setArith(szp(r, size) | cf | ((msb ^ cf) != 0 ? OF : 0));
        return r;
    }

    /** SHRD: shifts dst right, filling from src. */
    final int shrd(int dst, int src, int count, int size) {
        count &= 31;
        if (count == 0) {
            return dst;
        }
        int r, cf;
        if (size == 2) {
            r = (dst >>> count) | (src << (32 - count));
            cf = (dst >>> (count - 1)) & 1;
        } else {
            int t = (src << 16) | dst;
            int rr = t >>> count;
            if (count > 16) {
                rr |= dst << (32 - count);
            }
            r = rr & 0xFFFF;
            cf = (t >>> (count - 1)) & 1;
        }
        int bits = 8 << size;
        int of = ((r >>> (bits - 1)) ^ (r >>> (bits - 2))) & 1;
        setArith(szp(r, size) | cf | (of != 0 ? OF : 0));
        return r;
    }

    /** Flags after a multiply: CF=OF=overflow; SF/ZF/PF from the low half (undefined on Intel). */
    final void mulFlags(boolean overflow, int low, int size) {
        int f = szp(low & mask(size), size);
        if (overflow) {
            f |= CF | OF;
        }
        setArith(f);
    }

    /** Two- and three-operand IMUL: returns the truncated product and sets CF/OF. */
    final int imul(int a, int b, int size) {
        long p = (long) sext(a, size) * sext(b, size);
        int r = (int) p & mask(size);
        mulFlags(p != sext(r, size), r, size);
        return r;
    }

    /** BSF/BSR flags: ZF set when the source is zero (the destination is then left alone). */
    final void bitScanFlags(int src) {
        materializeFlags();
        flags = src == 0 ? flags | ZF : flags & ~ZF;
    }

    // ---- BCD ----

    final void daa() {
        int al = regs[EAX] & 0xFF;
        int f = readEflags();
        boolean oldCf = (f & CF) != 0;
        int newF = 0;
        int r = al;
        if ((al & 0xF) > 9 || (f & AF) != 0) {
            r = al + 6;
            newF |= AF;
            if (oldCf || r > 0xFF) newF |= CF;
            r &= 0xFF;
        }
        if (al > 0x99 || oldCf) {
            r = (r + 0x60) & 0xFF;
            newF |= CF;
        } else {
            newF &= ~CF;
        }
        setAl(r);
        setArith(newF | szp(r, 0) | (((al ^ r) & ~al & r & 0x80) != 0 ? OF : 0));
    }

    final void das() {
        int al = regs[EAX] & 0xFF;
        int f = readEflags();
        boolean oldCf = (f & CF) != 0;
        int newF = 0;
        int r = al;
        if ((al & 0xF) > 9 || (f & AF) != 0) {
            r = al - 6;
            newF |= AF;
            if (oldCf || r < 0) newF |= CF;
            r &= 0xFF;
        }
        if (al > 0x99 || oldCf) {
            r = (r - 0x60) & 0xFF;
            newF |= CF;
        }
        setAl(r);
        setArith(newF | szp(r, 0) | ((al & ~r & 0x80) != 0 ? OF : 0));
    }

    final void aaa() {
        int f = readEflags();
        int ax = regs[EAX];
        int newF;
        if ((ax & 0xF) > 9 || (f & AF) != 0) {
            ax = (ax & ~0xFFFF) | ((ax + 0x106) & 0xFFFF);
            newF = AF | CF;
        } else {
            newF = 0;
        }
        regs[EAX] = ax & ~0xF0;
        setArith(newF | szp(regs[EAX] & 0xFF, 0));
    }

    final void aas() {
        int f = readEflags();
        int ax = regs[EAX];
        int newF;
        if ((ax & 0xF) > 9 || (f & AF) != 0) {
            int t = (ax - 6) & 0xFFFF; // AX - 6 borrows from AH, then AH is decremented
            t = (t - 0x100) & 0xFFFF;
            ax = (ax & ~0xFFFF) | t;
            newF = AF | CF;
        } else {
            newF = 0;
        }
        regs[EAX] = ax & ~0xF0;
        setArith(newF | szp(regs[EAX] & 0xFF, 0));
    }

    final void aam(int base) {
        if (base == 0) {
            throw fault(DE);
        }
        int al = regs[EAX] & 0xFF;
        int r = al % base;
        regs[EAX] = (regs[EAX] & ~0xFFFF) | ((al / base) << 8) | r;
        setArith(szp(r, 0));
    }

    final void aad(int base) {
        int al = regs[EAX] & 0xFF, ah = (regs[EAX] >>> 8) & 0xFF;
        int r = (al + ah * base) & 0xFF;
        regs[EAX] = (regs[EAX] & ~0xFFFF) | r;
        // Flags as the ADD of AL and AH*base that the microcode performs.
        setLazy(L_ADD, al, (ah * base) & 0xFF, r, 0);
    }

    final void setAl(int v) {
        regs[EAX] = (regs[EAX] & ~0xFF) | (v & 0xFF);
    }

    // ---- register access by size; 8-bit indices 4..7 are AH, CH, DH, BH ----

    final int reg8(int r) {
        return r < 4 ? regs[r] & 0xFF : (regs[r - 4] >>> 8) & 0xFF;
    }

    final void setReg8(int r, int v) {
        if (r < 4) {
            regs[r] = (regs[r] & ~0xFF) | (v & 0xFF);
        } else {
            regs[r - 4] = (regs[r - 4] & ~0xFF00) | ((v & 0xFF) << 8);
        }
    }

    final int regSized(int r, int size) {
        switch (size) {
            case 0: return reg8(r);
            case 1: return regs[r] & 0xFFFF;
            default: return regs[r];
        }
    }

    final void setRegSized(int r, int size, int v) {
        switch (size) {
            case 0: setReg8(r, v); break;
            case 1: regs[r] = (regs[r] & ~0xFFFF) | (v & 0xFFFF); break;
            default: regs[r] = v;
        }
    }
}
