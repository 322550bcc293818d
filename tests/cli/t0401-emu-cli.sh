#!/usr/bin/env bash
# t0401-emu-cli.sh - `tbench emu run`: usage errors (exit 2, one line), raw
# code with exit status pass-through, guest faults (exit 1 with reason, PC
# and address), --max-insns, --stats, and the emu benchmark family.
. "$(dirname "$0")/lib.sh"

# raw little-endian words -> file
words() { local f=$1; shift; : >"$f"; for w in "$@"; do
	printf "\\x${w:6:2}\\x${w:4:2}\\x${w:2:2}\\x${w:0:2}" >>"$f"; done; }

# movz x0,#42 ; movz x8,#93 ; svc #0
words exit42.bin d2800540 d2800ba8 d4000001
# movz x1,#0x20,lsl#16 ; ldr x0,[x1] -> 0x200000 is outside 1 MiB
words fault.bin d2a00401 f9400020
# b . (spins forever)
words spin.bin 14000000
# nop ; udf #0
words undef.bin d503201f 00000000
# movz x8,#172 ; svc #0  (getpid: not in the shim)
words svc.bin d2801588 d4000001

expect_status "emu --help" 0 "$TBENCH" emu --help
check "help names run" 'grep -q "^usage: tbench emu run" "$T/out"'
expect_usage "no subcommand" "missing subcommand" "$TBENCH" emu
expect_usage "bad subcommand" "unknown emu subcommand 'walk'" "$TBENCH" emu walk
expect_usage "no file" "missing FILE" "$TBENCH" emu run
expect_usage "missing file" "cannot open 'nope.elf'" "$TBENCH" emu run nope.elf
expect_usage "bad --mem" "invalid --mem '5000'" "$TBENCH" emu run --raw --mem 5000 exit42.bin
expect_usage "bad --max-insns" "invalid --max-insns 'lots'" "$TBENCH" emu run --raw --max-insns lots exit42.bin
expect_usage "bad --addr" "invalid --addr 'zz'" "$TBENCH" emu run --raw --addr zz exit42.bin
expect_usage "--addr without --raw" "need --raw" "$TBENCH" emu run --addr 0 exit42.bin
expect_usage "raw code that does not fit" "do not fit" "$TBENCH" emu run --raw --mem 4Ki --addr 4088 exit42.bin
expect_usage "not an ELF" "not an ELF file" "$TBENCH" emu run exit42.bin
expect_usage "unknown option" "unknown option '--fast'" "$TBENCH" emu run --fast exit42.bin

expect_status "raw exit status passes through" 42 "$TBENCH" emu run --raw exit42.bin
expect_status "raw at an address with --stats" 42 "$TBENCH" emu run --raw --addr 0x1000 --stats exit42.bin
check "--stats line" 'grep -Eq "^emu: 3 instructions, stop exit, [0-9.]+ s, [0-9.]+ M IPS, engine (jit|interp)$" "$T/err"'
expect_usage "bad --engine" "invalid --engine 'fast': expected jit or interp" "$TBENCH" emu run --raw --engine fast exit42.bin
expect_status "--engine interp" 42 "$TBENCH" emu run --raw --engine interp --stats exit42.bin
check "--stats names the interpreter" 'grep -q "M IPS, engine interp$" "$T/err"'
if [ "$(uname -m)" = x86_64 ]; then
	expect_status "--engine jit" 42 "$TBENCH" emu run --raw --engine jit --stats exit42.bin
	check "--stats names the translator" 'grep -q "M IPS, engine jit$" "$T/err"'
	expect_status "the default engine on x86-64" 42 "$TBENCH" emu run --raw --stats exit42.bin
	check "is the translator" 'grep -q "M IPS, engine jit$" "$T/err"'
fi
expect_status "entry past the code" 1 "$TBENCH" emu run --raw --addr 0x1000 --entry 0x1008 exit42.bin
check "svc without x8 set is reported" 'grep -q "unsupported syscall 0 at pc 0x1008" "$T/err"'
expect_status "memory fault" 1 "$TBENCH" emu run --raw --mem 1Mi fault.bin
check "fault names pc and address" 'grep -q "memory-fault at pc 0x4: address 0x200000" "$T/err"'
expect_status "budget" 1 "$TBENCH" emu run --raw --max-insns 1k spin.bin
check "budget message" 'grep -q "after --max-insns 1000 instructions at pc 0x0" "$T/err"'
expect_status "undefined" 1 "$TBENCH" emu run --raw undef.bin
check "undefined names word and pc" 'grep -q "undefined instruction 0x00000000 at pc 0x4" "$T/err"'
expect_status "unsupported syscall" 1 "$TBENCH" emu run --raw svc.bin
check "syscall number" 'grep -q "unsupported syscall 172 at pc 0x4" "$T/err"'

expect_status "emu family runs and verifies" 0 "$TBENCH" run emu -s 1000 --samples 3 --warmup-time 1ms --csv emu.csv
check "all four variants ok" '[ "$(grep -c ",emu,loop-.*,ok," emu.csv)" -eq 4 ]'
check "rate is in insn/s" 'grep -q "insn/s" "$T/out"'
finish
