# install.cmake - the plugin API's part of `cmake --install build --prefix P`
# (issue 17 item 4, minimum for examples/: the owner of the full install
# rules may fold this file into theirs):
#   bin/tbench                      the executable plugins are loaded into
#   include/tbench/kernel.h         the public kernel API (<tbench/kernel.h>)
#   lib/pkgconfig/tbench.pc         `pkg-config --cflags --libs tbench`
configure_file(${CMAKE_SOURCE_DIR}/cmake/tbench.pc.in ${CMAKE_BINARY_DIR}/lib/pkgconfig/tbench.pc @ONLY)
# The installed binary keeps the run path it was linked with (OpenBLAS's
# openblas-pthread directory): rewriting it at install fails on the
# trailing ':' CMake expects in the build tree's RUNPATH.
set_target_properties(tbench PROPERTIES BUILD_WITH_INSTALL_RPATH ON INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS tbench RUNTIME DESTINATION bin)
install(FILES ${CMAKE_SOURCE_DIR}/include/tbench/kernel.h DESTINATION include/tbench)
install(FILES ${CMAKE_BINARY_DIR}/lib/pkgconfig/tbench.pc DESTINATION lib/pkgconfig)
