"""tbench_emu - tbench's AArch64 emulator (libtbench-emu) from Python.

Pure Python over ctypes: no compiled extension.  The library is found, in
this order, at $TBENCH_EMU_LIB (the path of libtbench-emu.so.1), beside this
package as installed or built (PREFIX/lib/python3/dist-packages/tbench_emu
-> PREFIX/lib/libtbench-emu.so.1; the build tree has the same layout under
build/lib), then by the dynamic loader's search (LD_LIBRARY_PATH, ldconfig).

    from tbench_emu import Emulator
    cpu = Emulator(memory_size=4 * 1024 * 1024)
    cpu.load_program(program_bytes, address=0)
    cpu.set_pc(0)
    result = cpu.execute(max_cycles=100_000_000)
    print(result.cycles, result.stop_reason_name)
    value = cpu.read_memory_64(0x1000)
    cpu.write_memory(0x2000, [0x12, 0x34])

"cycles" are guest instructions executed (the emulator retires one
instruction per cycle).  Errors raise EmuError carrying the library's
message and code.  Ctrl-C during execute() raises KeyboardInterrupt within
a few milliseconds with the machine stopped at an instruction boundary;
execute() again resumes it.  Emulator.interrupt() (from another thread)
makes a running execute() return with stop reason "interrupted".
"""

import ctypes
import os

__all__ = ["Emulator", "ExecuteResult", "EmuError", "GuestFault", "Flags", "version", "library_path",
           "jit_available"]

_MAJOR = 1  # the library major version (soname libtbench-emu.so.1) this module speaks

# enum tb_emu_stop
HALT, SVC, BUDGET, FAULT, UNDEFINED, EXIT, INTERRUPTED = range(7)
SP = 31  # register number of SP
# enum tb_emu_engine
_ENGINES = {"interp": 0, "jit": 1}
# instructions per library call, so that Python sees Ctrl-C between calls
_CHUNK = 1 << 26
_U64 = (1 << 64) - 1


class EmuError(Exception):
    """An error from libtbench-emu: str(e) is its message, e.code its code."""

    def __init__(self, message, code=-1):
        super().__init__(message)
        self.code = code


class GuestFault(EmuError):
    """execute(check=True) stopped at a memory fault or an undefined
    instruction: e.result is the ExecuteResult (the machine stays stopped
    at the faulting instruction, as without check)."""

    def __init__(self, result):
        if result.stop_reason == FAULT:
            what = "memory fault at pc 0x%x: access to 0x%x outside guest memory" % (
                result.pc, result.fault_address)
        else:
            what = "undefined instruction 0x%08x at pc 0x%x" % (result.instruction, result.pc)
        super().__init__("%s after %d instructions" % (what, result.cycles), -1)
        self.result = result


class _Result(ctypes.Structure):
    _fields_ = [("executed", ctypes.c_uint64), ("reason", ctypes.c_int),
                ("pc", ctypes.c_uint64), ("addr", ctypes.c_uint64),
                ("insn", ctypes.c_uint32), ("exit_status", ctypes.c_int),
                ("syscall", ctypes.c_uint64)]


_WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                             ctypes.c_size_t)


# The library's absolute path as installed: `cmake --install` writes it here
# (PREFIX/lib/libtbench-emu.so.1); None in the source and build trees.
_INSTALLED_LIB = None
_SONAME = "libtbench-emu.so.1"


def _candidates():
    """Where to look, in order: $TBENCH_EMU_LIB; beside this package (the
    library in the same directory, then the install / build-tree layout
    PREFIX/lib/python3/dist-packages/tbench_emu -> PREFIX/lib); the path
    substituted at install; ctypes.util.find_library('tbench-emu'); the
    soname through the dynamic loader (LD_LIBRARY_PATH, ldconfig)."""
    env = os.environ.get("TBENCH_EMU_LIB")
    if env:
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    found = [os.path.join(here, _SONAME),
             os.path.normpath(os.path.join(here, "..", "..", "..", _SONAME))]
    if _INSTALLED_LIB:
        found.append(_INSTALLED_LIB)
    try:
        import ctypes.util
        name = ctypes.util.find_library("tbench-emu")
    except Exception:  # noqa: BLE001 - find_library runs ldconfig/gcc; any failure: skip it
        name = None
    if name:
        found.append(name)
    found.append(_SONAME)
    seen = []
    for f in found:
        if f not in seen:
            seen.append(f)
    return seen


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (missing)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("tbench_emu: cannot load libtbench-emu: tried " + "; ".join(tried) +
                      " (set TBENCH_EMU_LIB to the library's path)")


_lib, library_path = _load()


def _proto(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_P, _U, _SZ, _C = ctypes.c_void_p, ctypes.c_uint64, ctypes.c_size_t, ctypes.c_char_p
_version = _proto("tb_emu_version", _C)
_strerror = _proto("tb_emu_strerror", _C, ctypes.c_int)
_create = _proto("tb_emu_create", _P, _SZ, _C, _SZ)
_destroy = _proto("tb_emu_destroy", None, _P)
_reset = _proto("tb_emu_reset", None, _P)
_set_output = _proto("tb_emu_set_output", None, _P, _WRITE_FN, _P)
_mem_size = _proto("tb_emu_mem_size", _SZ, _P)
_load_raw = _proto("tb_emu_load_raw", ctypes.c_int, _P, _U, _P, _SZ, _C, _SZ)
_load_elf = _proto("tb_emu_load_elf", ctypes.c_int, _P, _P, _SZ, _C, _SZ)
_get_pc = _proto("tb_emu_get_pc", _U, _P)
_set_pc = _proto("tb_emu_set_pc", None, _P, _U)
_get_reg = _proto("tb_emu_get_reg", _U, _P, ctypes.c_uint)
_set_reg = _proto("tb_emu_set_reg", None, _P, ctypes.c_uint, _U)
_get_nzcv = _proto("tb_emu_get_nzcv", ctypes.c_uint, _P)
_set_nzcv = _proto("tb_emu_set_nzcv", None, _P, ctypes.c_uint)
_read = _proto("tb_emu_read", ctypes.c_int, _P, _U, _P, _SZ)
_write = _proto("tb_emu_write", ctypes.c_int, _P, _U, _P, _SZ)
_set_engine = _proto("tb_emu_set_engine", ctypes.c_int, _P, ctypes.c_int, _C, _SZ)
_get_engine = _proto("tb_emu_get_engine", ctypes.c_int, _P)
_jit_available = _proto("tb_emu_jit_available", ctypes.c_bool)
_execute = _proto("tb_emu_execute", _Result, _P, _U)
_interrupt = _proto("tb_emu_interrupt", None, _P)
_stop_name = _proto("tb_emu_stop_name", _C, ctypes.c_int)

version = _version().decode()
if int(version.split(".")[0]) != _MAJOR:
    raise ImportError("tbench_emu: %s is libtbench-emu %s; this module needs major version %d"
                      % (library_path, version, _MAJOR))


def jit_available():
    """True where the translator exists (x86-64 hosts)."""
    return bool(_jit_available())


class Flags(tuple):
    """NZCV as four booleans: flags.n, flags.z, flags.c, flags.v."""

    def __new__(cls, n, z, c, v):
        return super().__new__(cls, (bool(n), bool(z), bool(c), bool(v)))

    n = property(lambda self: self[0])
    z = property(lambda self: self[1])
    c = property(lambda self: self[2])
    v = property(lambda self: self[3])

    @classmethod
    def from_bits(cls, bits):
        return cls(bits & 8, bits & 4, bits & 2, bits & 1)

    def bits(self):
        return self[0] << 3 | self[1] << 2 | self[2] << 1 | self[3]

    def __repr__(self):
        return "Flags(n=%d, z=%d, c=%d, v=%d)" % tuple(self)


class ExecuteResult:
    """What execute() returns: cycles (instructions executed), the stop reason
    (stop_reason, stop_reason_name), pc, and fault_address / instruction /
    exit_status / syscall where the reason has one."""

    __slots__ = ("cycles", "stop_reason", "stop_reason_name", "pc", "fault_address",
                 "instruction", "exit_status", "syscall")

    def __init__(self, r, executed):
        self.cycles = executed
        self.stop_reason = r.reason
        self.stop_reason_name = _stop_name(r.reason).decode()
        self.pc = r.pc
        self.fault_address = r.addr if r.reason == FAULT else None
        self.instruction = r.insn if r.reason == UNDEFINED else None
        self.exit_status = r.exit_status if r.reason == EXIT else None
        self.syscall = r.syscall if r.reason == SVC else None

    executed = property(lambda self: self.cycles)

    def __repr__(self):
        return "ExecuteResult(cycles=%d, stop_reason_name=%r, pc=0x%x)" % (
            self.cycles, self.stop_reason_name, self.pc)


def _u64(value, what):
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("%s must be an int, not %s" % (what, type(value).__name__))
    if value < -(1 << 63) or value > _U64:
        raise ValueError("%s %d does not fit in 64 bits" % (what, value))
    return value & _U64


def _bytes(data):
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, (int, str)):
        raise TypeError("expected bytes or a sequence of ints 0..255, not %s"
                        % type(data).__name__)
    try:
        return bytes(data)  # a list of ints 0..255
    except (TypeError, ValueError) as e:
        raise TypeError("expected bytes or a sequence of ints 0..255: %s" % e) from None


class _Registers:
    """cpu.regs[n]: X0..X30, and 31 = SP."""

    def __init__(self, cpu):
        self._cpu = cpu

    def __len__(self):
        return 32

    def __getitem__(self, n):
        return self._cpu.get_register(n)

    def __setitem__(self, n, value):
        self._cpu.set_register(n, value)

    def __iter__(self):
        return (self._cpu.get_register(n) for n in range(32))

    def __repr__(self):
        return repr(list(self))


class Emulator:
    """One AArch64 machine: memory_size bytes of guest memory at [0, size)
    (a multiple of 4096 from 4 KiB to 4 GiB), registers and flags zero,
    the translator where the host has it (engine="jit" or "interp")."""

    def __init__(self, memory_size=4 * 1024 * 1024, engine=None):
        memory_size = _u64(memory_size, "memory_size")
        err = ctypes.create_string_buffer(256)
        self._e = _create(memory_size, err, len(err))
        if not self._e:
            raise EmuError(err.value.decode(), -1)
        self._writer = None
        self.regs = _Registers(self)
        if engine is not None:
            self.engine = engine

    # -- lifetime --
    def close(self):
        """Free the machine (also done when it is garbage-collected)."""
        if getattr(self, "_e", None):
            _destroy(self._e)
            self._e = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def _m(self):
        if not self._e:
            raise EmuError("the emulator is closed", -1)
        return self._e

    def _check(self, rc, err=None, what=""):
        if rc:
            msg = err.value.decode() if err is not None and err.value else \
                _strerror(rc).decode()
            raise EmuError(what + msg, rc)

    # -- loading and running --
    def load_program(self, program, address=0):
        """Copy raw code (bytes, or a list of ints 0..255) to guest memory at
        address; PC is not changed (see set_pc)."""
        data = _bytes(program)
        err = ctypes.create_string_buffer(256)
        self._check(_load_raw(self._m(), _u64(address, "address"), data, len(data), err,
                              len(err)), err)

    def load_elf(self, elf):
        """Load a static AArch64 ELF executable (bytes, or a path): segments
        copied, PC = its entry, SP = a small initial stack at the top."""
        if isinstance(elf, (str, os.PathLike)):
            with open(elf, "rb") as f:
                elf = f.read()
        data = _bytes(elf)
        err = ctypes.create_string_buffer(256)
        self._check(_load_elf(self._m(), data, len(data), err, len(err)), err)

    def execute(self, max_cycles=None, check=False):
        """Run at most max_cycles instructions (None: no limit) from PC;
        returns an ExecuteResult.  Resumes exactly where the last call
        stopped.  check=True raises GuestFault instead of returning a
        memory-fault or undefined stop."""
        left = _U64 if max_cycles is None else _u64(max_cycles, "max_cycles")
        e, done = self._m(), 0
        while True:
            step = min(left - done, _CHUNK) if max_cycles is not None else _CHUNK
            r = _execute(e, step)
            done += r.executed
            if r.reason != BUDGET or (max_cycles is not None and done >= left):
                res = ExecuteResult(r, done)
                if check and r.reason in (FAULT, UNDEFINED):
                    raise GuestFault(res)
                return res

    def interrupt(self):
        """Make a running execute() (or the next one) stop with reason
        "interrupted"; safe from another thread."""
        _interrupt(self._m())

    def reset(self):
        """Registers, SP, NZCV and PC to zero; memory is kept."""
        _reset(self._m())

    def set_output(self, fn):
        """fn(fd, data: bytes) -> int bytes written (or None: all) receives the
        guest's write(1|2, ...); None discards them (the default)."""
        if fn is None:
            self._writer = None
            _set_output(self._m(), _WRITE_FN(), None)
            return

        def write(ctx, fd, buf, n):
            try:
                got = fn(fd, ctypes.string_at(buf, n))
                return n if got is None else int(got)
            except Exception:  # noqa: BLE001 - an exception cannot cross into C
                return -5  # -EIO
        self._writer = _WRITE_FN(write)
        _set_output(self._m(), self._writer, None)

    # -- registers --
    def get_register(self, n):
        """X0..X30 for n = 0..30, SP for 31 (or "sp", "x0".."x30")."""
        return _get_reg(self._m(), self._regno(n))

    def set_register(self, n, value):
        _set_reg(self._m(), self._regno(n), _u64(value, "register value"))

    @staticmethod
    def _regno(n):
        if isinstance(n, str):
            name = n.lower()
            if name == "sp":
                return SP
            if name.startswith("x") and name[1:].isdigit() and int(name[1:]) <= 30:
                return int(name[1:])
            raise ValueError("unknown register %r (x0..x30, sp)" % n)
        if not isinstance(n, int) or not 0 <= n <= 31:
            raise IndexError("register %r out of range (0..30 = x0..x30, 31 = sp)" % (n,))
        return n

    def get_pc(self):
        return _get_pc(self._m())

    def set_pc(self, pc):
        _set_pc(self._m(), _u64(pc, "pc"))

    pc = property(get_pc, set_pc)
    sp = property(lambda self: self.get_register(SP),
                  lambda self, v: self.set_register(SP, v))

    @property
    def nzcv(self):
        """NZCV as 4 bits: N=8 Z=4 C=2 V=1."""
        return _get_nzcv(self._m())

    @nzcv.setter
    def nzcv(self, bits):
        if not isinstance(bits, int) or not 0 <= bits <= 15:
            raise ValueError("nzcv %r is not 0..15 (N=8 Z=4 C=2 V=1)" % (bits,))
        _set_nzcv(self._m(), bits)

    @property
    def flags(self):
        """NZCV as Flags(n, z, c, v); settable from four booleans."""
        return Flags.from_bits(self.nzcv)

    @flags.setter
    def flags(self, f):
        self.nzcv = Flags(*f).bits()

    # -- memory --
    @property
    def memory_size(self):
        return _mem_size(self._m())

    def read_memory(self, address, length):
        """length bytes from guest memory at address (bytes)."""
        length = _u64(length, "length")
        buf = ctypes.create_string_buffer(length)
        self._mem_check(_read(self._m(), _u64(address, "address"), buf, length), address,
                        length)
        return buf.raw

    def write_memory(self, address, data):
        """Copy bytes (or a list of ints 0..255) to guest memory at address."""
        data = _bytes(data)
        self._mem_check(_write(self._m(), _u64(address, "address"), data, len(data)),
                        address, len(data))

    def _mem_check(self, rc, address, length):
        if rc:
            raise EmuError("%d bytes at 0x%x: %s (guest memory is %d bytes)" % (
                length, address & _U64, _strerror(rc).decode(), self.memory_size), rc)

    def _read_int(self, address, size):
        return int.from_bytes(self.read_memory(address, size), "little")

    def _write_int(self, address, value, size):
        if not isinstance(value, int) or not -(1 << (8 * size - 1)) <= value < 1 << (8 * size):
            raise ValueError("%r does not fit in %d bits" % (value, 8 * size))
        self.write_memory(address, (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little"))

    def read_memory_8(self, address):
        return self._read_int(address, 1)

    def read_memory_32(self, address):
        return self._read_int(address, 4)

    def read_memory_64(self, address):
        return self._read_int(address, 8)

    def write_memory_8(self, address, value):
        self._write_int(address, value, 1)

    def write_memory_32(self, address, value):
        self._write_int(address, value, 4)

    def write_memory_64(self, address, value):
        self._write_int(address, value, 8)

    # -- engine --
    @property
    def engine(self):
        """ "jit" (the translator, x86-64 hosts) or "interp"; settable."""
        return "jit" if _get_engine(self._m()) == _ENGINES["jit"] else "interp"

    @engine.setter
    def engine(self, name):
        if name not in _ENGINES:
            raise ValueError("unknown engine %r (jit or interp)" % (name,))
        err = ctypes.create_string_buffer(256)
        self._check(_set_engine(self._m(), _ENGINES[name], err, len(err)), err,
                    "engine %s: " % name)
