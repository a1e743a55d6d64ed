# brobyg_add_test(NAME SOURCES ... LIBRARIES ...): a GoogleTest executable registered with CTest.
# A program in BROBYG_WINDOWS_SKIPPED_TESTS (cmake/BrobygWindows.cmake, with the reasons) stays
# a target, so that the CMake code around it works, but is neither built nor registered.
function(brobyg_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBRARIES" ${ARGN})
  if(name IN_LIST BROBYG_WINDOWS_SKIPPED_TESTS)
    add_executable(${name} EXCLUDE_FROM_ALL ${T_SOURCES})
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBRARIES} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    BROBYG_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    BROBYG_BINARY_DIR="${PROJECT_BINARY_DIR}")
  brobyg_set_warnings(${name})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  # A sanitized build runs the 200,000-row end-to-end test about five times slower.
  if(BROBYG_SANITIZE OR BROBYG_TSAN)
    set(timeout 1200)
  else()
    set(timeout 300)
  endif()
  # The label (the program's name) lets a stage run one program's tests: ctest -L.
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 120 PROPERTIES TIMEOUT ${timeout} LABELS ${name})
endfunction()
