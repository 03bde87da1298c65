package jmoo.cpu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Compiles a hot straight run of decoded instructions into the bytecode of one JVM method, which
 * HotSpot then compiles to machine code with the {@link FastOps} calls inlined and their
 * constant operands folded: no per-instruction dispatch, no {@link Insn} field loads.
 *
 * <p>A block starts at an instruction reached by a jump (the run loop counts those entries,
 * see {@code Cpu#runChain}) and follows the fall-through links the interpreter made, taking
 * only {@link FastForms} (32-bit forms), up to and including the first jump, call or return,
 * and at most {@value #MAX_LENGTH} instructions. Before each instruction that can fault, the
 * generated code stores its EIP in {@code instrStart} (the interpreter does the same), so a
 * fault restarts the right instruction and the caller can count what retired. After each
 * store, it leaves the block if the store dropped the running page's decoded code
 * (self-modifying code) or asked for the run loop's attention.
 *
 * <p>Blocks are hidden classes: unloadable as soon as their page's decoded code is dropped.
 * Using ASM to write the class file (rather than hand-written class-file code) buys correct
 * stack map frames for the exit branches.
 */
final class BlockCompiler {
    /** The longest block, in instructions. */
    static final int MAX_LENGTH = 64;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodType CONSTRUCTOR = MethodType.methodType(void.class, int.class, int[].class, Insn[].class);
    private static final String OPS = "jmoo/cpu/FastOps";
    private static final String EXECUTOR = "jmoo/cpu/Executor";
    private static final String SUPER = "jmoo/cpu/CompiledBlock";
    private static final String EA_ARGS = "IIIII";

    private BlockCompiler() {
    }

    /**
     * Returned for a block that is not a loop when only loops are compiled: compiling costs
     * HotSpot more than it saves unless the block runs very often (see Cpu#runChain).
     */
    static final CompiledBlock DEFERRED = CompiledBlock.marker("DEFERRED");

    /** A run ending in a jump backwards (JMP, Jcc, LOOPcc or JECXZ): the body of a loop. */
    static boolean endsWithBackwardJump(List<Insn> run) {
        Insn last = run.get(run.size() - 1);
        boolean jump = last.fast == FastForms.JCC || last.fast == FastForms.JMP || (last.op >= 0xE0 && last.op <= 0xE3);
        return jump && last.imm < 0;
    }

    /**
     * The block starting at {@code entry}; {@link CompiledBlock#NONE} when it is not worth
     * compiling; null when the interpreter has not yet linked enough of the run to know (ask
     * again later); {@link #DEFERRED} when {@code loopsOnly} and the run is not a loop.
     */
    static CompiledBlock compile(Insn entry, boolean loopsOnly) {
        List<Insn> run = straightRun(entry);
        if (run.size() < 2) {
            Insn only = run.isEmpty() ? null : run.get(0);
            return only != null && only.next == null && !endsBlock(only.fast) ? null : CompiledBlock.NONE;
        }
        if (loopsOnly && !endsWithBackwardJump(run)) {
            return DEFERRED;
        }
        int[] offsets = new int[run.size() + 1];
        for (int k = 0; k < run.size(); k++) {
            offsets[k + 1] = offsets[k] + run.get(k).len;
        }
        byte[] classFile = classFile(run, offsets);
        ByteBuffer key = ByteBuffer.wrap(classFile);
        try {
            MethodHandle constructor;
            synchronized (CACHE) {
                constructor = CACHE.get(key);
            }
            if (constructor == null) {
                MethodHandles.Lookup lookup = LOOKUP.defineHiddenClass(classFile, true);
                constructor = lookup.findConstructor(lookup.lookupClass(), CONSTRUCTOR);
                synchronized (CACHE) {
                    CACHE.put(key, constructor);
                }
            }
            return (CompiledBlock) constructor.invoke(run.size(), offsets, run.toArray(new Insn[0]));
        } catch (Throwable t) {
            throw new IllegalStateException("compiling a block of " + run.size() + " instructions failed", t);
        }
    }

    /** Most block classes kept by their class file (see {@link #CACHE}). */
    private static final int CACHE_SIZE = 16384;

    /**
     * Block classes (their constructors) by class file. Block code is position independent, so
     * the same instructions decoded again (code reloaded, a program started again in other
     * pages) reuse the class, and with it the machine code HotSpot already made for it. Least
     * recently used classes leave the cache first; blocks still in use keep theirs alive.
     */
    private static final Map<ByteBuffer, MethodHandle> CACHE = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, MethodHandle> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** The instructions a block starting at {@code entry} covers. */
    static List<Insn> straightRun(Insn entry) {
        List<Insn> run = new ArrayList<>();
        for (Insn in = entry; in != null && run.size() < MAX_LENGTH; in = in.next) {
            if (in.rep != 0 || !in.code32) {
                break; // REP steps count their iterations against the budget themselves
            }
            run.add(in);
            if (endsBlock(in.fast)) {
                break;
            }
        }
        return run;
    }

    static boolean endsBlock(int form) {
        return form == FastForms.JCC || form == FastForms.JMP || form == FastForms.CALL || form == FastForms.RET;
    }

    static boolean canFault(int form) {
        switch (form) {
            case FastForms.MOV_RR: case FastForms.MOV_R_IMM: case FastForms.ALU_RR: case FastForms.ALU_IMM_R:
            case FastForms.TEST_RR: case FastForms.INC_R: case FastForms.DEC_R: case FastForms.LEA:
                return false;
            default:
                return true;
        }
    }

    static boolean stores(int form) {
        switch (form) {
            case FastForms.MOV_STORE: case FastForms.MOV_STORE8: case FastForms.MOV_STORE_IMM:
            case FastForms.ALU_STORE: case FastForms.ALU_IMM_M: case FastForms.PUSH_R: case FastForms.CALL:
                return true;
            default:
                return false;
        }
    }

    private static byte[] classFile(List<Insn> run, int[] offsets) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, "jmoo/cpu/Block", null, SUPER, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", CONSTRUCTOR.toMethodDescriptorString(), null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ILOAD, 1);
        init.visitVarInsn(Opcodes.ALOAD, 2);
        init.visitVarInsn(Opcodes.ALOAD, 3);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, SUPER, "<init>", CONSTRUCTOR.toMethodDescriptorString(), false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor m = cw.visitMethod(0, "run", "(L" + EXECUTOR + ";I)I", null, null);
        m.visitCode();
        new Body(m, run, offsets).emit();
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Emits the body of {@code run(Executor c, int e)}: local 1 is the CPU, local 2 the entry EIP. */
    private static final class Body {
        private final MethodVisitor m;
        private final List<Insn> run;
        private final int[] offsets;

        Body(MethodVisitor m, List<Insn> run, int[] offsets) {
            this.m = m;
            this.run = run;
            this.offsets = offsets;
        }

        /** A way out of the block after instruction {@code retired - 1}: its label, and whether EIP is still to be set. */
        private record Exit(Label label, int retired, boolean setsEip) {
        }

        void emit() {
            m.visitVarInsn(Opcodes.ALOAD, 1);
            m.visitFieldInsn(Opcodes.GETFIELD, EXECUTOR, "fetchLinPage", "I");
            m.visitVarInsn(Opcodes.ISTORE, 3);
            List<Exit> exits = new ArrayList<>();
            int n = run.size();
            int synced = 0;
            boolean generic = false;
            for (int k = 0; k < n; k++) {
                Insn in = run.get(k);
                int extra = CompiledForms.of(in);
                generic = in.fast == FastForms.NONE && extra == CompiledForms.NONE;
                boolean stores = extra != CompiledForms.NONE ? CompiledForms.stores(extra) : stores(in.fast);
                if (generic || (extra != CompiledForms.NONE ? CompiledForms.canFault(extra) : canFault(in.fast))) {
                    m.visitVarInsn(Opcodes.ALOAD, 1);
                    eipAt(offsets[k]);
                    m.visitFieldInsn(Opcodes.PUTFIELD, EXECUTOR, "instrStart", "I");
                }
                if (generic) {
                    synced = countUpTo(k, synced);
                    interpreted(k);
                } else if (extra != CompiledForms.NONE) {
                    compiledForm(in, extra);
                } else {
                    instruction(in, offsets[k + 1]);
                }
                if (k < n - 1 && (generic || stores)) {
                    Exit exit = new Exit(new Label(), k + 1, !generic);
                    exits.add(exit);
                    exitChecks(exit);
                }
            }
            if (!generic && !endsBlock(run.get(n - 1).fast)) { // a generic last instruction set EIP itself
                setEip(offsets[n]);
            }
            returnCount(n);
            for (Exit exit : exits) {
                m.visitLabel(exit.label());
                if (exit.setsEip()) {
                    setEip(offsets[exit.retired()]);
                }
                returnCount(exit.retired());
            }
        }

        /** Instruction k through the interpreter's {@code execute}, with EIP at the next instruction as it expects. */
        private void interpreted(int k) {
            setEip(offsets[k + 1]);
            m.visitVarInsn(Opcodes.ALOAD, 1);
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitFieldInsn(Opcodes.GETFIELD, SUPER, "insns", "[Ljmoo/cpu/Insn;");
            constant(k);
            m.visitInsn(Opcodes.AALOAD);
            m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, EXECUTOR, "execute", "(Ljmoo/cpu/Insn;)V", false);
        }

        /**
         * Leaves by {@code exit} where the interpreter's chain would end: a jump (only an
         * interpreted instruction can have made one here), a change of the running page's decoded
         * code, or a request for the run loop's attention.
         */
        private void exitChecks(Exit exit) {
            if (!exit.setsEip()) {
                m.visitVarInsn(Opcodes.ALOAD, 1);
                m.visitFieldInsn(Opcodes.GETFIELD, EXECUTOR, "eip", "I");
                eipAt(offsets[exit.retired()]);
                m.visitJumpInsn(Opcodes.IF_ICMPNE, exit.label());
            }
            m.visitVarInsn(Opcodes.ALOAD, 1);
            m.visitFieldInsn(Opcodes.GETFIELD, EXECUTOR, "fetchLinPage", "I");
            m.visitVarInsn(Opcodes.ILOAD, 3);
            m.visitJumpInsn(Opcodes.IF_ICMPNE, exit.label());
            m.visitVarInsn(Opcodes.ALOAD, 1);
            m.visitFieldInsn(Opcodes.GETFIELD, EXECUTOR, "attention", "Z");
            m.visitJumpInsn(Opcodes.IFNE, exit.label());
        }

        private void instruction(Insn in, int end) {
            m.visitVarInsn(Opcodes.ALOAD, 1);
            switch (in.fast) {
                case FastForms.MOV_RR: call("movRR", "II", in.dst, in.src); break;
                case FastForms.MOV_R_IMM: call("movRImm", "II", in.dst, in.imm); break;
                case FastForms.MOV_LOAD: memory("movLoad", in, in.reg); break;
                case FastForms.MOV_STORE: memory("movStore", in, in.reg); break;
                case FastForms.MOV_LOAD8: memory("movLoad8", in, in.reg); break;
                case FastForms.MOV_STORE8: memory("movStore8", in, in.reg); break;
                case FastForms.MOV_STORE_IMM: memory("movStoreImm", in, in.imm); break;
                case FastForms.MOVZX8_LOAD: memory("movzx8Load", in, in.reg); break;
                case FastForms.LEA: call("lea", EA_ARGS, in.reg, in.base, in.index, in.scale, in.disp); break;
                case FastForms.ALU_RR: call("aluRR", "III", in.src, in.dst, in.imm2); break;
                case FastForms.ALU_IMM_R: call("aluRImm", "III", in.src, in.dst, in.imm); break;
                case FastForms.TEST_RR: call("testRR", "II", in.dst, in.imm2); break;
                case FastForms.ALU_LOAD:
                    constant(in.src);
                    memory("aluLoad", "I", in, in.reg);
                    break;
                case FastForms.ALU_IMM_M:
                    constant(in.src);
                    memory("aluStore", "I", in, in.imm);
                    break;
                case FastForms.ALU_STORE:
                    constant(in.src);
                    m.visitVarInsn(Opcodes.ALOAD, 1);
                    m.visitFieldInsn(Opcodes.GETFIELD, EXECUTOR, "regs", "[I");
                    constant(in.reg);
                    m.visitInsn(Opcodes.IALOAD);
                    memoryOperand(in);
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, OPS, "aluStore", "(L" + EXECUTOR + ";II" + EA_ARGS + ")V", false);
                    break;
                case FastForms.INC_R: call("incR", "I", in.dst); break;
                case FastForms.DEC_R: call("decR", "I", in.dst); break;
                case FastForms.PUSH_R: call("pushR", "I", in.dst); break;
                case FastForms.POP_R: call("popR", "I", in.dst); break;
                case FastForms.JCC:
                    constant(in.dst);
                    eipAt(end + in.imm);
                    eipAt(end);
                    invoke("jcc", "III");
                    break;
                case FastForms.JMP:
                    eipAt(end + in.imm);
                    invoke("jmp", "I");
                    break;
                case FastForms.CALL:
                    eipAt(end + in.imm);
                    eipAt(end);
                    invoke("call", "II");
                    break;
                case FastForms.RET: invoke("ret", ""); break;
                default:
                    throw new IllegalArgumentException("form " + in.fast + " cannot be compiled");
            }
        }

        /**
         * Before an instruction the interpreter runs from inside the block: brings
         * {@code instructionCount} from entry + {@code synced} to entry + {@code k}, the count the
         * interpreter would show it (a device reads it as virtual time during IN and OUT).
         * Cpu#runBlock sets the final count itself.
         */
        private int countUpTo(int k, int synced) {
            if (k != synced) {
                m.visitVarInsn(Opcodes.ALOAD, 1);
                m.visitInsn(Opcodes.DUP);
                m.visitFieldInsn(Opcodes.GETFIELD, EXECUTOR, "instructionCount", "J");
                m.visitLdcInsn((long) (k - synced));
                m.visitInsn(Opcodes.LADD);
                m.visitFieldInsn(Opcodes.PUTFIELD, EXECUTOR, "instructionCount", "J");
            }
            return k;
        }

        /** A {@link CompiledForms} form. */
        private void compiledForm(Insn in, int form) {
            m.visitVarInsn(Opcodes.ALOAD, 1);
            switch (form) {
                case CompiledForms.SHIFT_IMM: call("shiftImm", "III", in.reg, in.rm, CompiledForms.shiftCount(in)); break;
                case CompiledForms.IMUL_IMM: call("imulImm", "III", in.reg, in.rm, in.imm); break;
                case CompiledForms.IMUL_RR: call("imulRR", "II", in.reg, in.rm); break;
                case CompiledForms.MOVZX8_RR: call("movzx8RR", "II", in.reg, in.rm); break;
                case CompiledForms.MOVSX8_RR: call("movsx8RR", "II", in.reg, in.rm); break;
                case CompiledForms.MOVZX16_RR: call("movzx16RR", "II", in.reg, in.rm); break;
                case CompiledForms.MOVSX16_RR: call("movsx16RR", "II", in.reg, in.rm); break;
                case CompiledForms.MOVZX16_LOAD: memory("movzx16Load", in, in.reg); break;
                case CompiledForms.MOVSX16_LOAD: memory("movsx16Load", in, in.reg); break;
                case CompiledForms.MOVSX8_LOAD: memory("movsx8Load", in, in.reg); break;
                case CompiledForms.MOV_LOAD16: memory("movLoad16", in, in.reg); break;
                case CompiledForms.MOV_STORE16: memory("movStore16", in, in.reg); break;
                case CompiledForms.MOV_STORE8_IMM: memory("movStore8Imm", in, in.imm); break;
                case CompiledForms.NEG_R: call("negR", "I", in.rm); break;
                case CompiledForms.NOT_R: call("notR", "I", in.rm); break;
                case CompiledForms.TEST_IMM: call("testImm", "II", in.rm, in.imm); break;
                case CompiledForms.TEST16_RR: call("test16RR", "II", in.rm, in.reg); break;
                case CompiledForms.ALU8_RR:
                    call("alu8RR", "III", CompiledForms.aluOp(in), CompiledForms.alu8Destination(in), CompiledForms.alu8Source(in));
                    break;
                case CompiledForms.ALU8_R_IMM:
                    call("alu8RImm", "III", CompiledForms.aluOp(in), CompiledForms.alu8ImmRegister(in), in.imm);
                    break;
                case CompiledForms.CMP8_MEM_IMM:
                    constant(CompiledForms.aluOp(in));
                    memory("cmp8MemImm", "I", in, in.imm);
                    break;
                default:
                    throw new IllegalArgumentException("compiled form " + form);
            }
        }

        /** A form whose operands are {@code first}, then the memory operand's segment and address parts. */
        private void memory(String name, Insn in, int first) {
            memory(name, "", in, first);
        }

        private void memory(String name, String before, Insn in, int first) {
            constant(first);
            memoryOperand(in);
            invoke(name, before + "II" + EA_ARGS.substring(1));
        }

        private void memoryOperand(Insn in) {
            constant(in.seg);
            constant(in.base);
            constant(in.index);
            constant(in.scale);
            constant(in.disp);
        }

        private void call(String name, String args, int... values) {
            for (int v : values) {
                constant(v);
            }
            invoke(name, args);
        }

        private void invoke(String name, String intArgs) {
            m.visitMethodInsn(Opcodes.INVOKESTATIC, OPS, name, "(L" + EXECUTOR + ";" + intArgs + ")V", false);
        }

        /** Pushes entry EIP + offset. */
        private void eipAt(int offset) {
            m.visitVarInsn(Opcodes.ILOAD, 2);
            constant(offset);
            m.visitInsn(Opcodes.IADD);
        }

        private void setEip(int offset) {
            m.visitVarInsn(Opcodes.ALOAD, 1);
            eipAt(offset);
            m.visitFieldInsn(Opcodes.PUTFIELD, EXECUTOR, "eip", "I");
        }

        private void returnCount(int count) {
            constant(count);
            m.visitInsn(Opcodes.IRETURN);
        }

        private void constant(int v) {
            if (v >= -1 && v <= 5) {
                m.visitInsn(Opcodes.ICONST_0 + v);
            } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                m.visitIntInsn(Opcodes.BIPUSH, v);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                m.visitIntInsn(Opcodes.SIPUSH, v);
            } else {
                m.visitLdcInsn(v);
            }
        }
    }
}
