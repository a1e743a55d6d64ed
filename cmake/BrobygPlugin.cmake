# brobyg_add_plugin(NAME
#                   SOURCES <files that make the plugin's logic>
#                   ENTRY <the file with the BROBYG_*_PLUGIN line>
#                   [LIBRARIES <link libraries>])
#
# Builds, as PowerDNS does for its backends, one source tree two ways:
#   brobyg_plugin_<NAME>_obj  an object library with the logic, linked by the plugin's
#                             unit tests (tier 1, as Kea's hook tests)
#   brobyg_<NAME>             the loadable module the host opens (tier 2: the conformance
#                             suite in tests/conformance loads every one of these files)
# and adds the plugin's tests/ folder when it has one.
set_property(GLOBAL PROPERTY BROBYG_PLUGINS "")

function(brobyg_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "ENTRY" "SOURCES;LIBRARIES" ${ARGN})
  set(obj brobyg_plugin_${name}_obj)
  add_library(${obj} OBJECT ${PLUGIN_SOURCES})
  target_include_directories(${obj} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR} ${BROBYG_SDK_DIR})
  target_link_libraries(${obj} PUBLIC ${PLUGIN_LIBRARIES})
  set_target_properties(${obj} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                          VISIBILITY_INLINES_HIDDEN ON)
  brobyg_set_warnings(${obj})

  add_library(brobyg_${name} MODULE ${PLUGIN_ENTRY} $<TARGET_OBJECTS:${obj}>)
  target_include_directories(brobyg_${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${BROBYG_SDK_DIR})
  target_link_libraries(brobyg_${name} PRIVATE ${PLUGIN_LIBRARIES})
  set_target_properties(brobyg_${name} PROPERTIES
    PREFIX "" OUTPUT_NAME "brobyg_${name}"
    LIBRARY_OUTPUT_DIRECTORY ${BROBYG_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  # (Not under ThreadSanitizer: its static runtime lives in the program that loads the plugin.)
  if(NOT APPLE AND NOT WIN32 AND NOT BROBYG_TSAN)
    target_link_options(brobyg_${name} PRIVATE -Wl,--no-undefined)
  endif()
  brobyg_set_warnings(brobyg_${name})
  install(TARGETS brobyg_${name} LIBRARY DESTINATION ${BROBYG_PLUGIN_INSTALL_DIR}
                                 COMPONENT runtime)
  set_property(GLOBAL APPEND PROPERTY BROBYG_PLUGINS brobyg_${name})

  if(BROBYG_BUILD_TESTS AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tests/CMakeLists.txt)
    add_subdirectory(tests)
  endif()
endfunction()
