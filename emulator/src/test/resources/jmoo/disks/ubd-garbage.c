/*
 * A bare-metal i386 guest that hammers jmoo's ubd port block (images/ubd/ABI.md) with hostile
 * requests, for UbdGarbageGuestTest. Booted as the kernel (an ELF linked at 1 MiB, flat
 * protected mode, no paging, no interrupts). A seeded xorshift PRNG makes every run the same.
 *
 * Disks (the test's ubd arguments): slot 0 a COW over a backing, slot 1 read-only, others empty.
 * RAM is RAM_SIZE bytes: this program (code, data, stack, its own valid buffers) lives below
 * SCRATCH; garbage request blocks and every segment address it hands the device are at or above
 * SCRATCH, or outside RAM (a block inside RAM gets its status word written, an accepted READ
 * its data), so the device can never overwrite the program.
 *
 * Per iteration: one garbage request (random block address: outside RAM, straddling its end,
 * straddling pages; random op, disk index, segment count, sectors, lengths, reserved fields),
 * often a random port access anywhere in the block (any size, any offset, random values, unknown
 * control commands, panic notices with random arguments), and every few iterations valid
 * requests through the same device: a pattern written to disk 0 and read back, a read of the
 * read-only disk checked against its known content, a flush.
 *
 * The program tallies what it expects the host to count (statuses as the status register reports
 * them, bad port accesses, unknown control commands) and prints one line
 *   UBD-GARBAGE-DONE key=value ...
 * on COM1, then powers off through the CONTROL register.
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#ifndef SEED
#define SEED 0x6a6d6f6fu
#endif
#ifndef ITERATIONS
#define ITERATIONS 6000
#endif
#define RAM_SIZE (16u << 20)
#define SCRATCH 0x200000u

#define PORT_BASE 0xF00
#define REG_SIGNATURE 0x00
#define REG_VERSION 0x04
#define REG_SUBMIT 0x0C
#define REG_ARG 0x10
#define REG_CONTROL 0x14
#define REG_GENERATION 0x18
#define CTL_POWER_OFF 1
#define CTL_PANIC 4
#define CTL_PANIC_END 5

#define OP_READ 0
#define OP_WRITE 1
#define OP_FLUSH 2
#define OP_INFO 5
#define HEADER 24
#define SEGMENT 16
#define MAX_SEGS 128
#define MAX_SECTORS 2048
#define NSTATUS 7
#define BAD_REQUEST 2
#define OK 0

#define COM1 0x3F8
#define FINAL_SECTOR 4000u
#define FINAL_SECTORS 8u

static inline void outb(u16 p, u8 v) { __asm__ volatile("outb %0,%1" : : "a"(v), "Nd"(p) : "memory"); }
static inline void outw(u16 p, u16 v) { __asm__ volatile("outw %0,%1" : : "a"(v), "Nd"(p) : "memory"); }
static inline void outl(u16 p, u32 v) { __asm__ volatile("outl %0,%1" : : "a"(v), "Nd"(p) : "memory"); }
static inline u8 inb(u16 p) { u8 v; __asm__ volatile("inb %1,%0" : "=a"(v) : "Nd"(p) : "memory"); return v; }
static inline u16 inw(u16 p) { u16 v; __asm__ volatile("inw %1,%0" : "=a"(v) : "Nd"(p) : "memory"); return v; }
static inline u32 inl(u16 p) { u32 v; __asm__ volatile("inl %1,%0" : "=a"(v) : "Nd"(p) : "memory"); return v; }

/* ---- console ---- */

static void putc_(char c) {
    while (!(inb(COM1 + 5) & 0x20)) {
    }
    outb(COM1, (u8)c);
}

static void puts_(const char *s) {
    while (*s) {
        putc_(*s++);
    }
}

static void putu(u32 v) {
    char buf[11];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        putc_(buf[--n]);
    }
}

static void field(const char *name, u32 v) {
    putc_(' ');
    puts_(name);
    putc_('=');
    putu(v);
}

/* ---- randomness ---- */

static u32 rng = SEED;

static u32 rnd(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static u32 below(u32 n) { return rnd() % n; }

static u64 rnd64(void) { return (u64)rnd() << 32 | rnd(); }

/* ---- guest memory, always written inside RAM ---- */

static inline void poke8(u32 a, u8 v) { *(volatile u8 *)a = v; }
static inline u32 peek32(u32 a) { return *(volatile u32 *)a; }

static void poke_le(u32 a, u64 v, int bytes) {
    for (int i = 0; i < bytes; i++, v >>= 8) {
        if (a + i >= SCRATCH && a + i < RAM_SIZE) {
            poke8(a + i, (u8)v);
        }
    }
}

/* ---- tallies: what the host should have counted ---- */

static u32 by_status[NSTATUS];
static u32 odd_status;          /* a status register value outside 0..6 */
static u32 status_mismatch;     /* block's status word != status register */
static u32 bad_ports;
static u32 unknown_controls;
static u32 panics;
static u32 garbage_writes_ok;   /* garbage WRITEs the device accepted (they land in the COW) */
static u32 garbage_reads_ok;
static u32 checks;
static u32 check_failures;

static u32 submit(u32 block) {
    outl(PORT_BASE + REG_SUBMIT, block);
    u32 st = inl(PORT_BASE + REG_SUBMIT);
    if (st < NSTATUS) {
        by_status[st]++;
    } else {
        odd_status++;
    }
    if (block >= SCRATCH && block <= RAM_SIZE - HEADER) {
        if (peek32(block + 4) != st) {
            status_mismatch++;
        }
    } else if (st != BAD_REQUEST) {
        status_mismatch++;   /* a block not inside RAM is always BAD_REQUEST */
    }
    return st;
}

/* ---- valid requests, built in this program's own memory (below SCRATCH) ---- */

struct request {
    u8 op;
    u8 disk;
    u16 nsegs;
    u32 status;
    u64 sector;
    u32 nsectors;
    u32 reserved;
    struct {
        u64 addr;
        u32 len;
        u32 reserved;
    } seg[2];
} __attribute__((packed, aligned(8)));

static struct request req;
static u8 out_buf[16 * 512 + 4096] __attribute__((aligned(4096)));
static u8 in_buf[16 * 512 + 4096] __attribute__((aligned(4096)));
static u8 info_buf[32];
static u64 capacity[2];

static u32 valid(u8 op, u8 disk, u64 sector, u8 *buf, u32 sectors, u32 split) {
    req.op = op;
    req.disk = disk;
    req.status = 0xFFFFFFFFu;
    req.sector = sector;
    req.nsectors = op == OP_INFO ? 0 : sectors;
    req.reserved = 0;
    if (op == OP_FLUSH) {
        req.nsegs = 0;
    } else if (op == OP_INFO) {
        req.nsegs = 1;
        req.seg[0].addr = (u32)buf;
        req.seg[0].len = 32;
        req.seg[0].reserved = 0;
    } else {
        /* two segments when split: the first ends mid-buffer, the second straddles a page */
        u32 first = split && sectors > 1 ? split % sectors : sectors;
        if (first == 0) {
            first = 1;
        }
        req.nsegs = first < sectors ? 2 : 1;
        req.seg[0].addr = (u32)buf;
        req.seg[0].len = first * 512;
        req.seg[0].reserved = 0;
        req.seg[1].addr = (u32)buf + first * 512;
        req.seg[1].len = (sectors - first) * 512;
        req.seg[1].reserved = 0;
    }
    outl(PORT_BASE + REG_SUBMIT, (u32)&req);
    u32 st = inl(PORT_BASE + REG_SUBMIT);
    if (st < NSTATUS) {
        by_status[st]++;
    } else {
        odd_status++;
    }
    if (req.status != st) {
        status_mismatch++;
    }
    return st;
}

static void expect(int ok) {
    checks++;
    if (!ok) {
        check_failures++;
    }
}

static u8 pattern_byte(u32 tag, u32 i) { return (u8)(tag * 31 + i * 7 + (i >> 9)); }

/* The read-only disk's byte at offset o (the test writes this file). */
static u8 ro_byte(u32 o) { return (u8)(o * 13 + (o >> 9) * 5 + 1); }

static void write_and_read_back(u32 tag, u64 sector, u32 sectors) {
    u8 *out = out_buf + 512 * (tag & 3) + 100 * (tag & 1);   /* unaligned, page-straddling */
    u8 *in = in_buf + 256 * (tag % 7);
    for (u32 i = 0; i < sectors * 512; i++) {
        out[i] = pattern_byte(tag, i);
        in[i] = 0;
    }
    expect(valid(OP_WRITE, 0, sector, out, sectors, tag) == OK);
    expect(valid(OP_READ, 0, sector, in, sectors, tag >> 3) == OK);
    u32 same = 1;
    for (u32 i = 0; i < sectors * 512; i++) {
        same &= in[i] == pattern_byte(tag, i);
    }
    expect(same);
}

static void read_only_checks(u32 tag) {
    u32 sectors = 1 + tag % 8;
    u32 sector = (u32)(rnd() % ((u32)capacity[1] - sectors + 1));
    u8 *in = in_buf + 512 * (tag & 7);
    expect(valid(OP_READ, 1, sector, in, sectors, tag) == OK);
    u32 same = 1;
    for (u32 i = 0; i < sectors * 512; i++) {
        same &= in[i] == ro_byte(sector * 512 + i);
    }
    expect(same);
    expect(valid(OP_WRITE, 1, sector, in, sectors, 0) == 4);   /* READ_ONLY */
}

static void valid_round(u32 tag) {
    u32 sectors = 1 + tag % 16;
    u64 sector = rnd() % (FINAL_SECTOR - 16);   /* below the final range */
    write_and_read_back(tag, sector, sectors);
    read_only_checks(tag);
    expect(valid(OP_FLUSH, 0, 0, 0, 0, 0) == OK);
}

/* ---- garbage ---- */

static u8 stage[HEADER + MAX_SEGS * SEGMENT];

static u32 block_address(void) {
    switch (below(9)) {
    case 0: return RAM_SIZE + below(0u - RAM_SIZE);              /* outside RAM */
    case 1: return RAM_SIZE - below(HEADER + 4 * SEGMENT + 8);   /* straddling the end of RAM */
    case 2: return SCRATCH + below(1500) * 4096 - below(HEADER + 2 * SEGMENT);   /* straddling a page */
    default: return SCRATCH + below(RAM_SIZE - SCRATCH);
    }
}

/* A segment address: inside scratch, straddling the end of RAM, outside RAM, or far above 4 GiB. */
static u64 segment_address(void) {
    switch (below(12)) {
    case 0: return RAM_SIZE - below(8192);
    case 1: return RAM_SIZE + below(0u - RAM_SIZE);
    case 2: return 0x7FFFFFFFFFFFFFFFull - below(1u << 13);   /* address + length may overflow a long */
    case 3: return 0xFFFFFFFF00000000ull | rnd();
    case 4: return rnd64() | 0x100000000ull;
    case 5: return SCRATCH + (1 + below(1500)) * 4096 - 512 * below(3) - below(2) * 7;
    default: return SCRATCH + below(RAM_SIZE - SCRATCH - 8192);
    }
}

static u32 segment_length(void) {
    switch (below(10)) {
    case 0: return 0;
    case 1: return 1 + below(1024);
    case 2: return rnd();
    case 3: return 0xFFFFFE00u;
    case 4: return 512 * (MAX_SECTORS + 1);
    default: return 512 * (1 + below(8));
    }
}

static u64 sector_for(u8 disk, u32 nsectors) {
    u64 cap = disk < 2 ? capacity[disk] : 1000;
    switch (below(8)) {
    case 0: return cap - below(4);
    case 1: return cap + below(100);
    case 2: return 0x8000000000000000ull | rnd64();
    case 3: return rnd64();
    case 4: return cap > nsectors ? cap - nsectors : 0;   /* the last sectors exactly */
    default: return cap > nsectors + 1 ? rnd() % (u32)(cap - nsectors) : 0;
    }
}

static void put_le(u8 *at, u64 v, int bytes) {
    for (int b = 0; b < bytes; b++, v >>= 8) {
        at[b] = (u8)v;
    }
}

static void stage_header(u8 op, u8 disk, u32 nsegs, u64 sector, u32 nsectors, u32 reserved) {
    stage[0] = op;
    stage[1] = disk;
    put_le(stage + 2, nsegs, 2);
    put_le(stage + 4, 0xFFFFFFFFu, 4);
    put_le(stage + 8, sector, 8);
    put_le(stage + 16, nsectors, 4);
    put_le(stage + 20, reserved, 4);
}

static void stage_segment(u32 i, u64 addr, u32 len, u32 reserved) {
    u8 *s = stage + HEADER + i * SEGMENT;
    put_le(s, addr, 8);
    put_le(s + 8, len, 4);
    put_le(s + 12, reserved, 4);
}

/* Copies the staged header and `shown` segments to `block` (the part inside scratch RAM) and submits. */
static void place_and_submit(u32 block, u32 shown) {
    if (block >= SCRATCH) {
        for (u32 i = 0; i < HEADER + shown * SEGMENT; i++) {
            poke_le(block + i, stage[i], 1);
        }
    }
    u32 st = submit(block);
    if (st == OK && stage[0] == OP_WRITE) {
        garbage_writes_ok++;
    } else if (st == OK && stage[0] == OP_READ) {
        garbage_reads_ok++;
    }
}

/* Every field random within its class: most such requests are refused somewhere. */
static void random_request(void) {
    u32 block = block_address();
    u8 op = below(4) == 0 ? (u8)rnd() : (u8)below(6);
    u8 disk = below(4) == 0 ? (u8)rnd() : (u8)below(4);
    u32 nsegs;
    switch (below(8)) {
    case 0: nsegs = 0; break;
    case 1: nsegs = MAX_SEGS; break;
    case 2: nsegs = MAX_SEGS + 1 + below(0xFFFF - MAX_SEGS); break;
    case 3: nsegs = below(MAX_SEGS + 1); break;
    default: nsegs = 1 + below(4); break;
    }
    u32 shown = nsegs <= MAX_SEGS ? nsegs : 0;
    u32 total = 0;
    for (u32 i = 0; i < shown; i++) {
        u32 len = segment_length();
        stage_segment(i, segment_address(), len, below(16) == 0 ? rnd() : 0);
        total += len;
    }
    u32 nsectors;
    switch (below(6)) {
    case 0: nsectors = rnd(); break;
    case 1: nsectors = 0; break;
    case 2: nsectors = total / 512 + 1; break;
    default: nsectors = total / 512; break;   /* consistent with the segments */
    }
    stage_header(op, disk, nsegs, sector_for(disk, nsectors), nsectors, below(16) == 0 ? rnd() : 0);
    place_and_submit(block, shown);
}

/*
 * A well-formed READ or WRITE on ubd0 or ubd1 (segments in scratch, overlapping each other and
 * maybe the block) with at most one field spoilt: the requests that reach the disks.
 */
static void plausible_request(void) {
    u32 block = SCRATCH + below(RAM_SIZE - SCRATCH - HEADER - 4 * SEGMENT);
    u8 op = (u8)below(2);
    u8 disk = (u8)below(2);
    u32 nsegs = 1 + below(4);
    u32 nsectors = 0;
    for (u32 i = 0; i < nsegs; i++) {
        u32 len = 512 * (1 + below(8));
        u32 addr = below(8) == 0 ? block + below(64) : SCRATCH + below(RAM_SIZE - SCRATCH - len);
        stage_segment(i, addr, len, 0);
        nsectors += len / 512;
    }
    u32 cap = (u32)capacity[disk];
    u64 sector = below(cap - nsectors + 1);
    u32 reserved = 0;
    u32 seg = below(nsegs);
    u8 *s = stage + HEADER + seg * SEGMENT;
    switch (below(11)) {
    case 0: sector = cap - nsectors + 1 + below(nsectors); break;       /* runs past the end */
    case 1: nsectors += below(2) ? 1 : -1u; break;                        /* does not add up */
    case 2: put_le(s + 8, below(2) ? 0 : 512 * (1 + below(8)) + 1 + below(511), 4); break;
    case 3: put_le(s, RAM_SIZE - 512 * below(2) - below(512), 8); break;  /* to or past the end of RAM */
    case 4: reserved = 1u << below(32); break;
    case 5: put_le(s + 12, 1u << below(32), 4); break;
    case 6: op = (u8)(6 + below(250)); break;
    case 7: put_le(s, 0x7FFFFFFFFFFFFFFFull - below(512), 8); break;   /* address + length overflows a long */
    default: break;   /* valid */
    }
    stage_header(op, disk, nsegs, sector, nsectors, reserved);
    place_and_submit(block, nsegs);
}

static void garbage_request(void) {
    if (below(3) == 0) {
        plausible_request();
    } else {
        random_request();
    }
}

/* A 1-, 2- or 4-byte IN or OUT at any offset of the 32-port block. */
static void random_port_access(void) {
    u32 offset = below(2) ? 4 * below(8) : below(32);
    u32 size = 1u << below(3);
    u16 port = (u16)(PORT_BASE + offset);
    int aligned_dword = size == 4 && (offset & 3) == 0;
    if (below(2)) {
        if (!(aligned_dword && offset <= REG_GENERATION)) {
            bad_ports++;
        }
        if (size == 1) (void)inb(port); else if (size == 2) (void)inw(port); else (void)inl(port);
        return;
    }
    u32 value = rnd();
    if (aligned_dword && offset == REG_SUBMIT) {
        (void)submit(RAM_SIZE + below(0u - RAM_SIZE));   /* a request block outside RAM */
        return;
    }
    if (aligned_dword && offset == REG_CONTROL) {
        if (value % 3 == 0) {
            outl(PORT_BASE + REG_ARG, below(2) ? RAM_SIZE - below(2048) : rnd());
            outl(port, CTL_PANIC);   /* a panic notice: recorded, the run goes on */
            panics++;
            return;
        }
        if (value >= CTL_POWER_OFF && value <= CTL_PANIC_END) {
            value += CTL_PANIC_END;
        }
        unknown_controls++;
    } else if (!(aligned_dword && (offset == REG_VERSION || offset == REG_ARG))) {
        bad_ports++;
    }
    if (size == 1) outb(port, (u8)value); else if (size == 2) outw(port, (u16)value); else outl(port, value);
}

/* ---- main ---- */

static void probe(void) {
    expect(inl(PORT_BASE + REG_SIGNATURE) == 0x4F4F4D4Au);
    outl(PORT_BASE + REG_VERSION, 0x00010001u);
    for (u8 d = 0; d < 2; d++) {
        expect(valid(OP_INFO, d, 0, info_buf, 0, 0) == OK);
        capacity[d] = *(u32 *)info_buf | (u64) * (u32 *)(info_buf + 4) << 32;
        expect(((*(u32 *)(info_buf + 8)) & 1) == d);   /* ubd1 is the read-only one */
    }
    expect(capacity[0] > FINAL_SECTOR + FINAL_SECTORS + 64 && capacity[1] >= 16);
}

void main(void) {
    puts_("UBD-GARBAGE-START\n");
    probe();
    for (u32 i = 0; i < ITERATIONS; i++) {
        garbage_request();
        if (below(3) == 0) {
            random_port_access();
        }
        if (i % 16 == 0) {
            valid_round(i / 16);
        }
    }
    /* The last word, after all garbage: a pattern the host looks for in the COW. */
    write_and_read_back(0xF1A1, FINAL_SECTOR, FINAL_SECTORS);
    expect(valid(OP_FLUSH, 0, 0, 0, 0, 0) == OK);
    puts_("UBD-GARBAGE-DONE");
    static const char *names[NSTATUS] = {"ok", "io_error", "bad_request", "no_disk", "read_only", "out_of_range",
                                         "unsupported"};
    for (int s = 0; s < NSTATUS; s++) {
        field(names[s], by_status[s]);
    }
    field("odd_status", odd_status);
    field("status_mismatch", status_mismatch);
    field("bad_ports", bad_ports);
    field("unknown_controls", unknown_controls);
    field("panics", panics);
    field("garbage_writes_ok", garbage_writes_ok);
    field("garbage_reads_ok", garbage_reads_ok);
    field("checks", checks);
    field("check_failures", check_failures);
    putc_('\n');
    outl(PORT_BASE + REG_ARG, 0);
    outl(PORT_BASE + REG_CONTROL, CTL_POWER_OFF);
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}

/* Entry from the loader: flat 32-bit protected mode; a stack of our own, then main. */
__asm__(".globl _start\n"
        "_start:\n"
        "  mov $stack_top, %esp\n"
        "  call main\n"
        "1: hlt\n"
        "  jmp 1b\n"
        ".bss\n"
        ".balign 16\n"
        "  .skip 65536\n"
        "stack_top:\n"
        ".text\n");

/* gcc may call these for struct copies even when freestanding. */
void *memset(void *d, int c, unsigned n) {
    u8 *p = d;
    while (n--) *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned n) {
    u8 *p = d;
    const u8 *q = s;
    while (n--) *p++ = *q++;
    return d;
}
