# find_package(BrobygPluginSDK): the brobyg plugin SDK as the .deb installs it, for plugins
# built outside brobyg's tree (docs/plugin-author-guide.md "Outside the tree").
#
#   Brobyg::PluginSDK    the C ABI and the C++ SDK headers (include/brobyg), header-only
#   Brobyg::PluginTest   the same plus the test harness (testing/PluginHarness.hpp, ...)
#   BROBYG_PLUGIN_INSTALL_DIR  where brobyg looks for plugins (lib/brobyg/plugins)
#   brobyg_add_plugin(NAME SOURCES ... ENTRY ... [LIBRARIES ...])
#                        the same call as inside the tree: an object library
#                        brobyg_plugin_<NAME>_obj for unit tests and the module brobyg_<NAME>
#                        (hidden visibility, --no-undefined, no "lib" prefix)
get_filename_component(_brobyg_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET Brobyg::PluginSDK)
  add_library(Brobyg::PluginSDK INTERFACE IMPORTED)
  set_target_properties(Brobyg::PluginSDK PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_brobyg_prefix}/include/brobyg"
    INTERFACE_COMPILE_FEATURES cxx_std_20)
  add_library(Brobyg::PluginTest INTERFACE IMPORTED)
  set_target_properties(Brobyg::PluginTest PROPERTIES
    INTERFACE_LINK_LIBRARIES Brobyg::PluginSDK)
endif()
set(BROBYG_PLUGIN_INSTALL_DIR "${_brobyg_prefix}/lib/brobyg/plugins")

function(brobyg_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "ENTRY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT PLUGIN_SOURCES OR NOT PLUGIN_ENTRY)
    message(FATAL_ERROR "brobyg_add_plugin(${name}): SOURCES and ENTRY are both needed")
  endif()
  set(obj brobyg_plugin_${name}_obj)
  add_library(${obj} OBJECT ${PLUGIN_SOURCES})
  target_include_directories(${obj} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${obj} PUBLIC Brobyg::PluginSDK ${PLUGIN_LIBRARIES})
  set_target_properties(${obj} PROPERTIES POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  add_library(brobyg_${name} MODULE ${PLUGIN_ENTRY} $<TARGET_OBJECTS:${obj}>)
  target_link_libraries(brobyg_${name} PRIVATE Brobyg::PluginSDK ${PLUGIN_LIBRARIES})
  set_target_properties(brobyg_${name} PROPERTIES PREFIX "" OUTPUT_NAME "brobyg_${name}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  if(NOT APPLE AND NOT WIN32)
    target_link_options(brobyg_${name} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS brobyg_${name} LIBRARY DESTINATION lib/brobyg/plugins)
endfunction()
