# Helpers that every layer uses, so that a layer's CMakeLists.txt states its sources and its
# allowed dependencies (the layer DAG of ARCHITECTURE.md §1) and nothing else.

set(RILL_WARNINGS -Wall -Wextra -Wpedantic -Werror)

# rill_layer(<name> SOURCES <files...> DEPS <targets...>)
#   Creates target rill_<name> (static library, or INTERFACE when there are no .cpp sources) with
#   the include root src/, so code includes "rill/<layer>/<file>.hpp".
function(rill_layer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(target rill_${name})
  if(ARG_SOURCES)
    add_library(${target} STATIC ${ARG_SOURCES})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_compile_options(${target} PRIVATE ${RILL_WARNINGS})
    target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
  endif()
  add_library(rill::${name} ALIAS ${target})
endfunction()

# rill_test(<name> SOURCES <files...> DEPS <targets...> [LABELS <labels...>])
#   A GoogleTest executable whose tests are registered with CTest one by one.
function(rill_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${RILL_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()

# rill_bench(<name> SOURCES <files...> DEPS <targets...>)
#   A Google Benchmark executable; `make bench` runs every one of them.
function(rill_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${RILL_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main)
  set_property(GLOBAL APPEND PROPERTY RILL_BENCHES ${name})
endfunction()
