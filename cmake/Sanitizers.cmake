# Sanitizers.cmake — the checked builds.
#
#   NYXMON_SANITIZE=address,undefined   ASan + UBSan (scripts/test.sh runs the suite there)
#   NYXMON_SANITIZE=thread              TSan (scripts/tsan.sh runs the threaded tests)
#   NYXMON_FUZZ=ON                      libFuzzer targets in fuzz/ (scripts/fuzz.sh)
#
# They are meant for clang (Debian's clang-16: scripts/install-deps.sh). Every
# target of ours is instrumented; the Debian libraries we link (RocksDB,
# OpenSSL, c-ares, yaml-cpp) are not, which ASan and UBSan accept.
set(NYXMON_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined or thread")
option(NYXMON_FUZZ "Build the libFuzzer targets (clang only)" OFF)

if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # libstdc++ 12 offers std::expected only when __cpp_concepts says P0848
  # (conditionally trivial special members), which clang 16 implements but
  # does not announce yet.
  if(CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 16)
    add_compile_options(-U__cpp_concepts -D__cpp_concepts=202002L)
  endif()
endif()

if(NYXMON_SANITIZE)
  add_compile_options(-fsanitize=${NYXMON_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${NYXMON_SANITIZE})
endif()

if(NYXMON_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NYXMON_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-16")
  endif()
  # Libraries get coverage instrumentation; only fuzz targets link libFuzzer.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
