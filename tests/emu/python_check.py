#!/usr/bin/python3
"""python_check.py - the Python module tbench_emu against libtbench-emu:
the seed's usage example, the STR / no-STR loop in both engines (identical
results), a guest fault, an undefined word, budgets and resuming, guest
output, an interrupt from another thread, and errors raised with the
library's messages.  Prints ok / not ok lines; exit 1 if any failed.

usage: python_check.py [--expect-lib PATH] [--bench N]
  --expect-lib PATH  the library the module must have loaded
  --bench N          also time both loops for N iterations (the IPS from
                     Python that docs/emulator.md quotes)
"""

import os
import struct
import sys
import threading
import time

failed = 0


def check(desc, cond, detail=""):
    global failed
    if cond:
        print("ok - " + desc)
    else:
        failed += 1
        print("not ok - %s%s" % (desc, (": " + detail) if detail else ""))


def raises(desc, fn, exc, needle):
    try:
        fn()
    except exc as e:
        check(desc, needle in str(e), "message %r lacks %r" % (str(e), needle))
        return
    except Exception as e:  # noqa: BLE001
        check(desc, False, "raised %s: %s" % (type(e).__name__, e))
        return
    check(desc, False, "nothing raised")


args = sys.argv[1:]
expect_lib = args[args.index("--expect-lib") + 1] if "--expect-lib" in args else None
bench = int(args[args.index("--bench") + 1]) if "--bench" in args else 0

import tbench_emu  # noqa: E402
from tbench_emu import Emulator, EmuError  # noqa: E402

check("module loads libtbench-emu %s from %s" % (tbench_emu.version, tbench_emu.library_path),
      tbench_emu.version.startswith("1."))
if expect_lib:
    check("the library is %s" % expect_lib,
          os.path.realpath(tbench_emu.library_path) == os.path.realpath(expect_lib),
          tbench_emu.library_path)


# ---- a few A64 encodings (see <tbench/emu_encode.h>) ----
def movz(rd, imm, shift=0):
    return 0xd2800000 | (shift // 16) << 21 | (imm & 0xffff) << 5 | rd


def movk(rd, imm, shift=0):
    return 0xf2800000 | (shift // 16) << 21 | (imm & 0xffff) << 5 | rd


def add_imm(rd, rn, imm):
    return 0x91000000 | imm << 10 | rn << 5 | rd


def subs_imm(rd, rn, imm):
    return 0xf1000000 | imm << 10 | rn << 5 | rd


def str_x(rt, rn):
    return 0xf9000000 | rn << 5 | rt


def ldr_x(rt, rn):
    return 0xf9400000 | rn << 5 | rt


def b_ne(offset):
    return 0x54000001 | ((offset // 4) & 0x7ffff) << 5


HLT, SVC, BR_SELF = 0xd4400000, 0xd4000001, 0x14000000


def code(*words):
    return b"".join(struct.pack("<I", w) for w in words)


DATA = 0x8000


def loop(n, store):
    """x0 = n; x1 = 0; x2 = DATA; loop: add x1,x1,#1; [str x1,[x2]];
    subs x0,x0,#1; b.ne loop; hlt -- 4 + (4|3) n + 1 instructions"""
    body = [add_imm(1, 1, 1)] + ([str_x(1, 2)] if store else []) + [subs_imm(0, 0, 1)]
    body.append(b_ne(-4 * len(body)))
    words = [movz(0, n & 0xffff), movk(0, n >> 16 & 0xffff, 16), movz(1, 0), movz(2, DATA)]
    return code(*(words + body + [HLT])), 4 + len(body) * n + 1


# ---- the seed's usage example ----
program, _ = loop(1000, True)
cpu = Emulator(memory_size=4 * 1024 * 1024)
cpu.load_program(program, address=0)
cpu.set_pc(0)
result = cpu.execute(max_cycles=100_000_000)
check("seed example: executed %d cycles, stop %s" % (result.cycles, result.stop_reason_name),
      result.cycles == 4005 and result.stop_reason_name == "halt")
value = cpu.read_memory_64(DATA)
cpu.write_memory(0x2000, [0x12, 0x34])
check("seed example: read_memory_64 and write_memory",
      value == 1000 and cpu.read_memory(0x2000, 2) == b"\x12\x34"
      and cpu.read_memory_8(0x2001) == 0x34)

# ---- the loops, both engines ----
engines = ["interp"] + (["jit"] if tbench_emu.jit_available() else [])
for store in (True, False):
    name = "loop-str" if store else "loop-nostr"
    states = []
    for eng in engines:
        n = 100_000
        prog, insns = loop(n, store)
        cpu = Emulator(memory_size=64 * 1024, engine=eng)
        check("%s: engine %s" % (name, eng), cpu.engine == eng)
        cpu.write_memory_64(DATA, 0x5a5a5a5a5a5a5a5a)
        cpu.load_program(prog)
        cpu.pc = 0
        r = cpu.execute(max_cycles=10_000_000)
        want_data = n if store else 0x5a5a5a5a5a5a5a5a
        check("%s (%s): %d instructions, halt at 0x%x" % (name, eng, r.cycles, r.pc),
              r.cycles == insns and r.stop_reason_name == "halt" and r.pc == len(prog) - 4)
        check("%s (%s): x0 = 0, x1 = n, stored word, flags Z C" % (name, eng),
              cpu.regs[0] == 0 and cpu.regs[1] == n and cpu.read_memory_64(DATA) == want_data
              and cpu.flags == (False, True, True, False) and cpu.nzcv == 6)
        states.append((r.cycles, r.pc, list(cpu.regs), cpu.nzcv, cpu.read_memory(0, 64 * 1024)))
    if len(states) == 2:
        check("%s: both engines leave identical state" % name, states[0] == states[1])

# ---- budgets and resuming ----
prog, insns = loop(50, True)
cpu = Emulator(memory_size=64 * 1024)
cpu.load_program(prog)
r = cpu.execute(max_cycles=10)
check("budget: 10 cycles, stop budget at pc 0x%x" % r.pc,
      r.cycles == 10 and r.stop_reason_name == "budget" and r.stop_reason == tbench_emu.BUDGET
      and r.pc == 4 * (4 + (10 - 4) % 4) and cpu.pc == r.pc)
r2 = cpu.execute()
check("resume: the rest (%d) to halt" % r2.cycles,
      r2.cycles == insns - 10 and r2.stop_reason_name == "halt" and cpu.regs[1] == 50)

# ---- a guest fault and an undefined word ----
cpu = Emulator(memory_size=1024 * 1024)
cpu.load_program(code(movz(1, 0x20, 16), ldr_x(0, 1), HLT))
cpu.regs[0] = 77
r = cpu.execute(max_cycles=100)
check("fault: memory-fault at pc 0x4, address 0x200000, 1 cycle, x0 unchanged",
      r.stop_reason_name == "memory-fault" and r.pc == 4 and r.fault_address == 0x200000
      and r.cycles == 1 and cpu.regs[0] == 77 and cpu.get_register("x1") == 0x200000)
cpu.set_pc(0)
cpu.regs[0] = 77
try:
    cpu.execute(max_cycles=100, check=True)
    check("check=True: a guest fault raises GuestFault", False, "nothing raised")
except tbench_emu.GuestFault as e:
    check("check=True: a guest fault raises GuestFault (%s)" % e,
          str(e) == "memory fault at pc 0x4: access to 0x200000 outside guest memory after "
          "1 instructions" and isinstance(e, EmuError) and e.result.pc == 4
          and e.result.stop_reason_name == "memory-fault" and cpu.pc == 4
          and cpu.regs[0] == 77)
cpu.load_program(code(0xd503201f, 0))  # nop; udf
cpu.set_pc(0)
r = cpu.execute(100)
check("undefined: word 0 at pc 0x4",
      r.stop_reason_name == "undefined" and r.instruction == 0 and r.pc == 4 and r.cycles == 1)
cpu.set_pc(0)
raises("check=True: an undefined word raises GuestFault",
       lambda: cpu.execute(100, check=True), tbench_emu.GuestFault,
       "undefined instruction 0x00000000 at pc 0x4 after 1 instructions")

# ---- registers, flags and memory round-trip ----
cpu = Emulator(memory_size=64 * 1024)
vals = [(0x0123456789abcdef * (n + 1)) & ((1 << 64) - 1) for n in range(32)]
for n, v in enumerate(vals):
    cpu.regs[n] = v
cpu.set_register("x5", -1)
vals[5] = (1 << 64) - 1
cpu.pc, cpu.flags = 0x1234, (True, False, True, False)
cpu.write_memory(0x100, bytes(range(256)))
cpu.write_memory_64(0x208, 0xfeedfacecafebeef)
cpu.write_memory_32(0x210, 0xdeadbeef)
cpu.write_memory_8(0x214, 0x5a)
check("registers, pc, flags and memory round-trip",
      list(cpu.regs) == vals and cpu.sp == vals[31] and cpu.pc == 0x1234
      and cpu.nzcv == 0b1010 and cpu.flags.n and not cpu.flags.z
      and cpu.read_memory(0x100, 256) == bytes(range(256))
      and cpu.read_memory_64(0x208) == 0xfeedfacecafebeef
      and cpu.read_memory_32(0x210) == 0xdeadbeef and cpu.read_memory_8(0x214) == 0x5a
      and cpu.read_memory_64(0x100) == 0x0706050403020100)
cpu.reset()
check("reset zeroes registers, pc and flags, keeps memory",
      list(cpu.regs) == [0] * 32 and cpu.pc == 0 and cpu.nzcv == 0
      and cpu.read_memory_32(0x210) == 0xdeadbeef)

# ---- guest output through write(1, ...) ----
out = []
cpu = Emulator(memory_size=64 * 1024)
cpu.write_memory(0x1000, b"hi\n")
cpu.load_program(code(movz(0, 1), movz(1, 0x1000), movz(2, 3), movz(8, 64), SVC,
                      movz(0, 7), movz(8, 93), SVC))
cpu.set_output(lambda fd, data: out.append((fd, data)))
r = cpu.execute(1000)
check("guest write reaches the callback, exit status 7",
      out == [(1, b"hi\n")] and r.stop_reason_name == "exit" and r.exit_status == 7
      and cpu.regs[0] == 7)

# ---- interrupt from another thread ----
for eng in engines:
    cpu = Emulator(memory_size=4096, engine=eng)
    cpu.load_program(code(BR_SELF))
    timer = threading.Timer(0.05, cpu.interrupt)
    timer.start()
    t0 = time.time()
    r = cpu.execute()  # no limit: only the interrupt stops it
    timer.join()
    check("interrupt stops `b .` (%s) after %d cycles in %.2f s" % (eng, r.cycles,
                                                                  time.time() - t0),
          r.stop_reason_name == "interrupted" and r.cycles > 0 and r.pc == 0)

# ---- errors carry the library's messages ----
raises("bad memory size", lambda: Emulator(memory_size=5000), EmuError,
       "memory size 5000 is not allowed")
cpu = Emulator(memory_size=4096)
raises("program that does not fit", lambda: cpu.load_program(b"\0" * 8, address=4092),
       EmuError, "8 bytes at 0xffc do not fit in 4096 bytes of guest memory")
raises("read outside memory", lambda: cpu.read_memory_64(4092), EmuError,
       "8 bytes at 0xffc: outside guest memory (guest memory is 4096 bytes)")
raises("not an ELF", lambda: cpu.load_elf(b"junk"), EmuError, "not an ELF file")
raises("unknown engine", lambda: setattr(cpu, "engine", "fast"), ValueError,
       "unknown engine 'fast'")
raises("register out of range", lambda: cpu.get_register(32), IndexError, "out of range")
raises("value too wide", lambda: cpu.write_memory_32(0, 1 << 32), ValueError, "32 bits")
try:
    Emulator(memory_size=4097)
except EmuError as e:
    check("EmuError carries the code (E_ARG = -1)", e.code == -1, str(e.code))
cpu.close()
raises("closed machine", lambda: cpu.execute(1), EmuError, "closed")

if bench:
    for store in (True, False):
        prog, insns = loop(bench, store)
        cpu = Emulator(memory_size=4 * 1024 * 1024)
        cpu.load_program(prog)
        t0 = time.perf_counter()
        r = cpu.execute()
        dt = time.perf_counter() - t0
        print("# %s from Python (%s): %d instructions in %.3f s = %.2f G IPS" % (
            "loop-str" if store else "loop-nostr", cpu.engine, r.cycles, dt, r.cycles / dt / 1e9))

print("%d failed" % failed)
sys.exit(1 if failed else 0)
