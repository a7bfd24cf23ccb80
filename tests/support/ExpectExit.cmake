# tvp_expect_exit_test(NAME LABEL EXIT_CODE COMMAND cmd [arg...] [MATCH ere...] [NO_MATCH ere...]
#                      [TIMEOUT seconds])
# A ctest test that runs a command through expect_exit.sh (beside this file): it passes when the
# command exits with EXIT_CODE, its output has a line matching every MATCH and none matching any
# NO_MATCH, and — for exit code 2 — stdout is empty and stderr is one line naming the tool.
# Shared by every suite: include(${PROJECT_SOURCE_DIR}/tests/support/ExpectExit.cmake).
function(tvp_expect_exit_test name label rc)
  cmake_parse_arguments(T "" "TIMEOUT" "COMMAND;MATCH;NO_MATCH" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 30)
  endif()
  set(checks)
  foreach(re IN LISTS T_MATCH)
    list(APPEND checks --match "${re}")
  endforeach()
  foreach(re IN LISTS T_NO_MATCH)
    list(APPEND checks --no-match "${re}")
  endforeach()
  add_test(NAME ${name}
           COMMAND sh ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/expect_exit.sh ${rc} ${checks} --
                   ${T_COMMAND})
  set_tests_properties(${name} PROPERTIES LABELS ${label} TIMEOUT ${T_TIMEOUT})
endfunction()
