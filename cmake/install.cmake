# cmake/install.cmake - what `cmake --install BUILD --prefix P` puts where
# (included from the top CMakeLists.txt after every target exists).  emu/
# installs its own library, headers, tbench-emu.pc and Python module; this
# file installs the rest and the CMake package of both:
#   bin/tbench
#   include/tbench/*.h              the public headers under include/tbench/
#   lib/pkgconfig/tbench.pc         flags to build a plugin (-I include)
#   lib/cmake/tbench/               find_package(tbench): tbench::emu,
#                                   tbench::kernel, tbench::tbench
#   share/man/man1/tbench*.1        generated from tbench's --help texts
#   share/bash-completion/completions/tbench   the same, as completion
#   share/tbench/                   the scripts that work installed
# Paths in the .pc and the package are relative to their own place, so a
# prefix chosen at install time (or moved later) works.
include(CMakePackageConfigHelpers)

# The installed binary keeps the run path it was linked with (OpenBLAS's
# openblas-pthread directory): rewriting it at install failed ("could not
# write new RPATH") on the trailing ':' CMake expects in the build tree's.
set_target_properties(tbench PROPERTIES BUILD_WITH_INSTALL_RPATH ON INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS tbench EXPORT tbench-targets RUNTIME DESTINATION bin)

# the public API headers: the whole folder, whatever it holds at configure
if(EXISTS ${CMAKE_SOURCE_DIR}/include/tbench)
  install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/tbench DESTINATION include
    FILES_MATCHING PATTERN "*.h")
endif()

# tbench::kernel: what a plugin compiles against (the headers; position-
# independent code, since a plugin is a shared object).  The functions it
# calls are exported by the tbench executable, so there is nothing to link.
add_library(tbench_kernel INTERFACE)
set_target_properties(tbench_kernel PROPERTIES EXPORT_NAME kernel
  INTERFACE_POSITION_INDEPENDENT_CODE ON)
target_include_directories(tbench_kernel INTERFACE
  $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
install(TARGETS tbench_kernel EXPORT tbench-targets)

# the static emulator library too, under the shared one's name
install(FILES $<TARGET_FILE:tb_emu> DESTINATION lib RENAME libtbench-emu.a)

configure_file(${CMAKE_SOURCE_DIR}/cmake/tbench.pc.in
  ${CMAKE_BINARY_DIR}/lib/pkgconfig/tbench.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/lib/pkgconfig/tbench.pc DESTINATION lib/pkgconfig)

set(TB_CMAKE_DIR lib/cmake/tbench)
install(EXPORT tbench-targets NAMESPACE tbench:: FILE tbenchTargets.cmake
  DESTINATION ${TB_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/tbenchConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/tbenchConfig.cmake INSTALL_DESTINATION ${TB_CMAKE_DIR})
# 0.x: a minor version may change the API
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/tbenchConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/tbenchConfig.cmake
  ${CMAKE_BINARY_DIR}/cmake/tbenchConfigVersion.cmake DESTINATION ${TB_CMAKE_DIR})

# man pages and completion: generated at build time from the built tbench's
# --help (one source: the usage strings of cmd/*.c), into build/share/ as
# installed.  A cross build cannot run tbench: then neither is made.
if(NOT CMAKE_CROSSCOMPILING)
  set(TB_GEN_SCRIPTS ${CMAKE_SOURCE_DIR}/cmake/gen-docs.sh ${CMAKE_SOURCE_DIR}/cmake/help-parse.awk
    ${CMAKE_SOURCE_DIR}/cmake/help2man.awk ${CMAKE_SOURCE_DIR}/cmake/help2completion.awk)
  set(TB_GEN_STAMP ${CMAKE_BINARY_DIR}/CMakeFiles/tb_docs.stamp)
  add_custom_command(OUTPUT ${TB_GEN_STAMP}
    COMMAND sh ${CMAKE_SOURCE_DIR}/cmake/gen-docs.sh $<TARGET_FILE:tbench> ${CMAKE_BINARY_DIR}
      ${PROJECT_VERSION}
    COMMAND ${CMAKE_COMMAND} -E touch ${TB_GEN_STAMP}
    DEPENDS tbench ${TB_GEN_SCRIPTS}
    COMMENT "man pages and bash completion from tbench --help")
  add_custom_target(tb_docs ALL DEPENDS ${TB_GEN_STAMP})
  install(DIRECTORY ${CMAKE_BINARY_DIR}/share/man/man1 DESTINATION share/man
    FILES_MATCHING PATTERN "tbench*.1")
  install(FILES ${CMAKE_BINARY_DIR}/share/bash-completion/completions/tbench
    DESTINATION share/bash-completion/completions)
endif()

# the scripts that make sense without the source tree (profilers, the gate's
# A/B method, the peers); they find the installed tbench through
# scripts/find-tbench.sh (TBENCH, else build/tbench of a source tree, else
# ../../bin/tbench from share/tbench, else tbench on PATH)
set(TB_SHARE_SCRIPTS find-tbench.sh profile-common.sh perf-record.sh perf-stat.sh
  valgrind-cachegrind.sh valgrind-callgrind.sh valgrind-massif.sh valgrind-memcheck.sh
  stackcollapse-perf.awk flamegraph.py gate-ab.sh gate-selftest.sh peers-table.sh
  compare_numpy.py compare_torch.py tbpeer.py scale-bars.sh scale_bars.py)
foreach(s ${TB_SHARE_SCRIPTS})
  if(s MATCHES "\\.(sh|py)$")
    install(PROGRAMS ${CMAKE_SOURCE_DIR}/scripts/${s} DESTINATION share/tbench)
  else()
    install(FILES ${CMAKE_SOURCE_DIR}/scripts/${s} DESTINATION share/tbench)
  endif()
endforeach()
