# Sanitizer and fuzzing instrumentation for the whole build.
#
#   -DJWTCONF_SANITIZE=address,undefined  ASan+UBSan for gcc or clang
#   -DJWTCONF_FUZZ=ON                     libFuzzer targets in fuzz/ (clang),
#                                         with ASan+UBSan unless told otherwise
# Applied to every target, so the library code a test or fuzz target reaches
# is instrumented too, not only the test's own files.

option(JWTCONF_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang)" OFF)
set(JWTCONF_SANITIZE "" CACHE STRING
    "Comma-separated -fsanitize= list for the whole build, e.g. address,undefined")

if(JWTCONF_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "JWTCONF_FUZZ needs clang (libFuzzer): "
                        "-DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(JWTCONF_SANITIZE STREQUAL "")
    set(JWTCONF_SANITIZE "address,undefined")
  endif()
  # Coverage feedback for every library; the fuzz targets alone link the
  # libFuzzer main (fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(NOT JWTCONF_SANITIZE STREQUAL "")
  add_compile_options(-fsanitize=${JWTCONF_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${JWTCONF_SANITIZE})
  # GCC 12's -Wmaybe-uninitialized misfires on instrumented libstdc++ code
  # (std::regex's std::function states, harness/src/yaml_json.cc); the
  # uninstrumented -Werror build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  # A UBSan finding stops the process, so a test or fuzz run cannot pass over
  # it.
  if(JWTCONF_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
