# brobyg_add_fuzzer(NAME SOURCES <files> [LIBRARIES <libs>] [CORPUS <seed folder>])
#
# A libFuzzer target `fuzz_<NAME>` (bin/fuzz/fuzz_<NAME>) for one parser of outside input.
# Built only when BROBYG_FUZZ=ON, which needs clang; scripts/fuzz.sh NAME SECONDS runs it.
# Every target is also registered as a CTest test that replays its seed corpus once
# (label "fuzz-replay"), so a crash found earlier and kept in the corpus stays fixed.
#
# At the end of the configure step the names of all targets are written, one a line, to
# bin/fuzz/fuzzers.txt, so scripts/fuzz.sh --all runs whatever is registered.
option(BROBYG_FUZZ "Build the libFuzzer targets (clang only)" OFF)
set_property(GLOBAL PROPERTY BROBYG_FUZZERS "")

if(BROBYG_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "BROBYG_FUZZ=ON needs clang (CC=clang CXX=clang++)")
  endif()
  # Everything is instrumented for coverage; only the fuzzers link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

function(brobyg_write_fuzzer_list)
  get_property(names GLOBAL PROPERTY BROBYG_FUZZERS)
  list(SORT names)
  list(JOIN names "\n" text)
  if(names)
    string(APPEND text "\n")
  endif()
  file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/bin/fuzz)
  file(WRITE ${PROJECT_BINARY_DIR}/bin/fuzz/fuzzers.txt "${text}")
endfunction()
if(BROBYG_FUZZ)
  # Deferred: the targets are registered later, in the subdirectories.
  cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL brobyg_write_fuzzer_list)
endif()

function(brobyg_add_fuzzer name)
  if(NOT BROBYG_FUZZ)
    return()
  endif()
  cmake_parse_arguments(F "" "CORPUS" "SOURCES;LIBRARIES" ${ARGN})
  set(target fuzz_${name})
  add_executable(${target} ${F_SOURCES})
  target_link_libraries(${target} PRIVATE ${F_LIBRARIES})
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  if(BROBYG_SANITIZE)
    # libFuzzer's archive puts libstdc++ before the shared sanitizer runtime, which ASan refuses
    # ("runtime does not come first"). A fuzz target loads no plugin: the static runtime does.
    target_link_options(${target} PRIVATE -static-libsan)
  endif()
  target_compile_definitions(${target} PRIVATE BROBYG_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin/fuzz)
  set_property(GLOBAL APPEND PROPERTY BROBYG_FUZZERS ${name})
  if(F_CORPUS)
    get_filename_component(corpus ${F_CORPUS} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    # The corpus folder is recorded so scripts/fuzz.sh finds the seeds of each target.
    file(WRITE ${PROJECT_BINARY_DIR}/bin/fuzz/${target}.corpus "${corpus}\n")
    if(BROBYG_BUILD_TESTS)
      add_test(NAME fuzz_replay.${name} COMMAND ${target} -runs=0 ${corpus})
      set_tests_properties(fuzz_replay.${name} PROPERTIES LABELS fuzz-replay TIMEOUT 300)
    endif()
  else()
    file(REMOVE ${PROJECT_BINARY_DIR}/bin/fuzz/${target}.corpus)
  endif()
endfunction()
