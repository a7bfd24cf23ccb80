# Runs tvp-report on the newest RESULTS_DIR/*.json but *.trackers.json (by modification time; ties, as after a fresh
# clone, go to the last name in sort order) and writes OUT_DIR/index.html.
# Usage: cmake -DTVP_REPORT=... -DRESULTS_DIR=... -DOUT_DIR=... -P newest_report.cmake
foreach(var TVP_REPORT RESULTS_DIR OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "newest_report.cmake: -D${var}=... is required")
  endif()
endforeach()

file(GLOB reports LIST_DIRECTORIES false "${RESULTS_DIR}/*.json")
# bench-json writes <report>.trackers.json (tvp-export) after the report, so it is always newer:
# one median per benchmark, not a report to chart.
list(FILTER reports EXCLUDE REGEX "\\.trackers\\.json$")
if(NOT reports)
  message(FATAL_ERROR "report: no ${RESULTS_DIR}/*.json; run scripts/bench.sh first")
endif()
list(SORT reports)
set(newest "")
set(newest_time 0)
foreach(candidate IN LISTS reports)
  file(TIMESTAMP "${candidate}" t "%s" UTC)
  if(t GREATER_EQUAL newest_time)
    set(newest "${candidate}")
    set(newest_time ${t})
  endif()
endforeach()

message(STATUS "report: ${newest}")
execute_process(COMMAND "${TVP_REPORT}" --out "${OUT_DIR}" "${newest}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "report: tvp-report failed (exit ${rc}) on ${newest}")
endif()
message(STATUS "report: open ${OUT_DIR}/index.html")
