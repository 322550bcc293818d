# gitrev.cmake - run at every build (cmake -P, from base/CMakeLists.txt):
# writes OUT (git_rev.h) with the source tree's revision, "-dirty" when
# tracked files differ from it, or "unknown" outside a work tree.  The file
# is rewritten only when that changes, so a build after a commit recompiles
# the one file that records it (probes/sysinfo.c), and results never name
# the revision of the last configure instead of the binary's own.
execute_process(COMMAND git rev-parse --short HEAD WORKING_DIRECTORY ${SRC}
  OUTPUT_VARIABLE rev OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT rev)
  set(rev unknown)
else()
  execute_process(COMMAND git status --porcelain --untracked-files=no WORKING_DIRECTORY ${SRC}
    OUTPUT_VARIABLE st OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(st)
    set(rev "${rev}-dirty")
  endif()
endif()
set(text "/* git_rev.h - generated at build time by cmake/gitrev.cmake */\n#define TB_GIT_REV \"${rev}\"\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${OUT} "${text}")
endif()
