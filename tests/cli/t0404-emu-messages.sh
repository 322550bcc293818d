#!/usr/bin/env bash
# t0404-emu-messages.sh - `tbench emu run` says what is wrong: a misaligned
# --entry / --addr is refused as such before the run (not reported as an
# address outside memory), --entry past memory too, the --max-insns error
# speaks of instructions (not bytes), a branch to a misaligned address is
# reported as one, and every reported stop lists the registers.
. "$(dirname "$0")/lib.sh"

words() { local f=$1; shift; : >"$f"; for w in "$@"; do
	printf "\\x${w:6:2}\\x${w:4:2}\\x${w:2:2}\\x${w:0:2}" >>"$f"; done; }
# movz x0,#42 ; movz x8,#93 ; svc #0
words exit42.bin d2800540 d2800ba8 d4000001
# movz x3,#6 ; br x3  (to a misaligned address inside memory)
words misbr.bin d28000c3 d61f0060
# movz x1,#0x20,lsl#16 ; ldr x0,[x1] -> 0x200000 is outside 1 MiB
words fault.bin d2a00401 f9400020

expect_usage "misaligned --entry" "invalid --entry '2': an instruction address is a multiple of 4" \
	"$TBENCH" emu run --raw --entry 2 exit42.bin
expect_usage "misaligned --addr (the entry by default)" "invalid --addr '0x1002': an instruction address is a multiple of 4" \
	"$TBENCH" emu run --raw --addr 0x1002 exit42.bin
check "not called outside memory" '! grep -q "outside" "$T/err"'
expect_status "misaligned --addr with an aligned --entry runs" 1 \
	"$TBENCH" emu run --raw --addr 0x1002 --entry 0x1000 exit42.bin
expect_usage "--entry past memory" "invalid --entry 0x100000: outside the 1048576 bytes of guest memory (--mem)" \
	"$TBENCH" emu run --raw --mem 1Mi --entry 0x100000 exit42.bin
expect_usage "--max-insns speaks of instructions" "invalid --max-insns 'lots': expected a positive instruction count" \
	"$TBENCH" emu run --raw --max-insns lots exit42.bin
check "not of bytes" '! grep -q "byte" "$T/err"'
expect_usage "--max-insns 0" "invalid --max-insns '0'" "$TBENCH" emu run --raw --max-insns 0 exit42.bin

expect_status "branch to a misaligned address" 1 "$TBENCH" emu run --raw misbr.bin
check "named as misaligned" 'grep -q "^tbench: guest memory-fault at pc 0x6: instruction address 0x6 is not a multiple of 4$" "$T/err"'
check "registers: x3 = 6" 'grep -Eq "^  x0  0{16}  x1  0{16}  x2  0{16}  x3  0{15}6$" "$T/err"'
check "pc line" 'grep -Eq "^  pc  0{15}6  nzcv nzcv$" "$T/err"'
expect_status "load outside memory" 1 "$TBENCH" emu run --raw --mem 1Mi fault.bin
check "still outside memory" 'grep -q "memory-fault at pc 0x4: address 0x200000 is outside guest memory (1048576 bytes)" "$T/err"'
check "sp is the top of memory" 'grep -Eq "  sp  0000000000100000$" "$T/err"'
check "ten lines: the stop, 8 of x0..x30 and sp, pc and nzcv" '[ "$(wc -l <"$T/err")" -eq 10 ]'
expect_status "a guest exit prints no registers" 42 "$TBENCH" emu run --raw exit42.bin
check "stderr empty" '[ ! -s "$T/err" ]'
finish
