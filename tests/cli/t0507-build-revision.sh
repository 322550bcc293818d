#!/usr/bin/env bash
# t0507-build-revision.sh - the revision a build records (tbench.git in the
# fingerprint) is the source tree's at build time, not at configure time:
# cmake/gitrev.cmake, run at every build, names HEAD, adds -dirty for
# changed tracked files, follows a new commit, says unknown outside a work
# tree, and leaves git_rev.h untouched when nothing changed (so a build
# recompiles nothing for it).
. "$(dirname "$0")/lib.sh"
: "${TB_SRC:?TB_SRC must name the source tree}"
command -v git >/dev/null && command -v cmake >/dev/null || { echo "skip: needs git and cmake"; exit 77; }

gen() { cmake -DSRC="$1" -DOUT="$T/git_rev.h" -P "$TB_SRC/cmake/gitrev.cmake" >"$T/out" 2>"$T/err"; }
rev_in() { sed -n 's/^#define TB_GIT_REV "\(.*\)"$/\1/p' "$T/git_rev.h"; }

mkdir "$T/repo"
git -C "$T/repo" init -q && git -C "$T/repo" config user.email t@t && git -C "$T/repo" config user.name t
echo a >"$T/repo/f" && git -C "$T/repo" add f && git -C "$T/repo" commit -qm one
one=$(git -C "$T/repo" rev-parse --short HEAD)
gen "$T/repo"
check "names HEAD" '[ "$(rev_in)" = "$one" ]'
touch -d '2001-01-01' "$T/git_rev.h"
gen "$T/repo"
check "unchanged revision: file not rewritten" '[ "$(stat -c %Y "$T/git_rev.h")" = "$(date -d 2001-01-01 +%s)" ]'
echo b >"$T/repo/f"
gen "$T/repo"
check "changed tracked file: -dirty" '[ "$(rev_in)" = "$one-dirty" ]'
echo c >"$T/repo/untracked"
git -C "$T/repo" commit -qam two
two=$(git -C "$T/repo" rev-parse --short HEAD)
gen "$T/repo"
check "a new commit is followed (untracked files are not dirt)" '[ "$(rev_in)" = "$two" ] && [ "$two" != "$one" ]'
mkdir "$T/plain"
gen "$T/plain"
check "outside a work tree: unknown" '[ "$(rev_in)" = unknown ]'

# the built binary names a commit of its source tree
expect_status "env" 0 "$TBENCH" env
got=$(awk '$1 == "tbench.git" { print $2 }' "$T/out")
if git -C "$TB_SRC" rev-parse --git-dir >/dev/null 2>&1; then
	check "tbench.git is a commit of the source tree" 'git -C "$TB_SRC" cat-file -e "${got%-dirty}^{commit}"'
else
	check "tbench.git outside a work tree" '[ "$got" = unknown ]'
fi
finish
