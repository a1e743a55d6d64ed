# BROBYG_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on every target of the tree
# (host, plugins, tools, tests), so the end-to-end tests run sanitized binaries and plugins too.
# Meant for clang (CC=clang CXX=clang++, as in CI); scripts/test.sh builds it in build-sanitize/.
#
# Every CTest test gets the sanitizer options below: ctest reads sanitizer-env.cmake before it
# starts the tests, and the environment it sets there is inherited by each test process.
option(BROBYG_SANITIZE "Build everything with -fsanitize=address,undefined" OFF)

# One shared sanitizer runtime (`kind`: asan) for the programs and the plugins they load:
# clang's default static runtime goes into executables only, and plugins link with
# --no-undefined.
macro(brobyg_shared_sanitizer_runtime kind)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libclang_rt.${kind}-${CMAKE_SYSTEM_PROCESSOR}.so
                    OUTPUT_VARIABLE runtime OUTPUT_STRIP_TRAILING_WHITESPACE)
    get_filename_component(runtime_dir ${runtime} DIRECTORY)
    add_link_options(-shared-libsan -Wl,-rpath,${runtime_dir})
  endif()
endmacro()

if(BROBYG_SANITIZE)
  set(BROBYG_SANITIZE_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                            -fno-sanitize-recover=undefined)
  add_compile_options(${BROBYG_SANITIZE_FLAGS})
  add_link_options(${BROBYG_SANITIZE_FLAGS})
  brobyg_shared_sanitizer_runtime(asan)

  set(supp ${CMAKE_CURRENT_LIST_DIR}/../tests/sanitizers)
  get_filename_component(supp ${supp} ABSOLUTE)
  # halt_on_error/abort: the first finding fails the test; exitcode 23 for leaks is LSan's default.
  # intercept_tls_get_addr=0: up to LLVM 16 and GCC 13 the runtime's __tls_get_addr hook takes a
  # dynamic TLS block that happens to start 16 bytes into a page for a pre-2.25 glibc header and
  # reads the words before it; LSan's tracer then dies at exit ("Tracer caught signal 11") after
  # a test passed. Which block lands there depends on the machine (docs/architecture.md).
  set(BROBYG_ASAN_OPTIONS
      "detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:strict_string_checks=1:halt_on_error=1:intercept_tls_get_addr=0")
  set(BROBYG_UBSAN_OPTIONS "print_stacktrace=1:halt_on_error=1:suppressions=${supp}/ubsan.supp")
  set(BROBYG_LSAN_OPTIONS "suppressions=${supp}/lsan.supp:print_suppressions=0")
  file(WRITE ${CMAKE_BINARY_DIR}/sanitizer-env.cmake
       "# Written by cmake/BrobygSanitize.cmake: sanitizer options for every test.\n"
       "set(ENV{ASAN_OPTIONS} \"${BROBYG_ASAN_OPTIONS}\")\n"
       "set(ENV{UBSAN_OPTIONS} \"${BROBYG_UBSAN_OPTIONS}\")\n"
       "set(ENV{LSAN_OPTIONS} \"${BROBYG_LSAN_OPTIONS}\")\n")
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY TEST_INCLUDE_FILES
               ${CMAKE_BINARY_DIR}/sanitizer-env.cmake)
endif()

# BROBYG_TSAN=ON: ThreadSanitizer on every target, for the pipeline, state and package tests
# (the threads of a run: the row hand-off and the digest spool's worker, util/BatchWorker.h).
# scripts/test.sh's tsan stage builds only those tests, in build-tsan/.
option(BROBYG_TSAN "Build everything with -fsanitize=thread" OFF)
if(BROBYG_TSAN)
  if(BROBYG_SANITIZE)
    message(FATAL_ERROR "BROBYG_TSAN and BROBYG_SANITIZE cannot be combined (ThreadSanitizer "
                        "excludes AddressSanitizer)")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  # The static runtime: clang 14's shared TSan runtime crashes at start (even an empty
  # program). The plugins are linked without --no-undefined (cmake/BrobygPlugin.cmake) and
  # take the __tsan symbols from the program that loads them.
  # halt_on_error: the first race fails the test.
  file(WRITE ${CMAKE_BINARY_DIR}/sanitizer-env.cmake
       "# Written by cmake/BrobygSanitize.cmake: ThreadSanitizer options for every test.\n"
       "set(ENV{TSAN_OPTIONS} \"halt_on_error=1:second_deadlock_stack=1:history_size=4\")\n")
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY TEST_INCLUDE_FILES
               ${CMAKE_BINARY_DIR}/sanitizer-env.cmake)
endif()
