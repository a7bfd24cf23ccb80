# tvp-export (issue 13 item 5), included by tests/gate/CMakeLists.txt: the strict export and what
# each tracker reads from it, the command's exit codes, and bench-json writing it.
add_executable(tvp_export_test export_test.cpp tracker_mimics.cpp)
target_link_libraries(tvp_export_test PRIVATE tvp_test_files tvp_export_core GTest::gtest_main tvp_warnings)
add_dependencies(tvp_export_test tvp-export)  # CommandWritesStrictFile runs the binary
target_compile_definitions(tvp_export_test PRIVATE
  TVP_EXPORT_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures/export"
  TVP_REPORT_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures/report"
  TVP_GBJSON_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures/gbjson"
  TVP_EXPORT_EXE="$<TARGET_FILE:tvp-export>")
gtest_discover_tests(tvp_export_test NO_PRETTY_TYPES NO_PRETTY_VALUES PROPERTIES LABELS gate TIMEOUT 60)

set(EF ${PROJECT_SOURCE_DIR}/tests/fixtures/export)
set(GF ${PROJECT_SOURCE_DIR}/tests/fixtures/gbjson)
function(tvp_export_cli name rc)
  tvp_expect_exit_test(gate.export.${name} gate ${rc} COMMAND $<TARGET_FILE:tvp-export> ${ARGN})
endfunction()

tvp_export_cli(stdout_is_strict 0 ${EF}/non_finite_cv.json
  MATCH "^      \"name\": \"latency/pipe/process/cross_core/8/manual_time\",$"
        "^      \"real_time\": 1100\\.0,$" "^    \"caches\": \\[\\],$"
        "^tvp-export: note: 2 benchmark\\(s\\) left out"
  NO_MATCH "NaN" "Infinity" "_median\"" "ratio_to")
tvp_export_cli(help 0 --help MATCH "REPORT")
# Every benchmark failed: nothing a tracker could take, so no file and exit 1.
tvp_export_cli(nothing_to_export 1 ${PROJECT_SOURCE_DIR}/tests/fixtures/report/all_failed.json
  -o ${CMAKE_CURRENT_BINARY_DIR}/export_nothing.json
  MATCH "^tvp-export: .*all_failed.json: nothing to export: all 2 benchmark\\(s\\) left out")

# --- bad input: exit 2 and one line ---
tvp_export_cli(bad_missing_file 2 ${EF}/nope.json MATCH "nope.json: no such file$")
tvp_export_cli(bad_not_json 2 ${GF}/malformed_missing_brace.json
  MATCH "malformed_missing_brace.json: malformed JSON at byte [0-9]+")
tvp_export_cli(bad_no_benchmarks 2 ${GF}/not_report_no_benchmarks.json
  MATCH "not a Google Benchmark report \\(no \"benchmarks\" array\\)$")
tvp_export_cli(bad_empty_list 2 ${GF}/empty_benchmarks.json MATCH "empty benchmark list")
tvp_export_cli(bad_directory 2 ${EF} MATCH "is a directory, not a file$")
tvp_export_cli(bad_output_dir 2 ${EF}/non_finite_cv.json -o ${CMAKE_CURRENT_BINARY_DIR}/no/such/dir/out.json
  MATCH "out.json: cannot write: No such file or directory$")
tvp_export_cli(bad_no_argument 2 MATCH "REPORT is required")
tvp_export_cli(bad_unknown_flag 2 ${EF}/non_finite_cv.json --bogus MATCH "--bogus")
tvp_export_cli(bad_metric_not_ns 2 ${EF}/non_finite_cv.json --metric bytes_per_second
  MATCH "--metric: must be real_time or a counter ending in _ns")
tvp_export_cli(bad_metric_absent 2 ${EF}/non_finite_cv.json --metric p50_ns
  MATCH "non_finite_cv.json: no benchmark has the counter \"p50_ns\"$")

add_test(NAME gate.export.bench_json_writes_trackers
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/bench_json_export_test.sh ${CMAKE_COMMAND}
                 ${PROJECT_SOURCE_DIR}/bench/bench_json.cmake $<TARGET_FILE:tvp-export>
                 ${EF}/non_finite_cv.json)
set_tests_properties(gate.export.bench_json_writes_trackers PROPERTIES LABELS gate TIMEOUT 60)
