# cmake -DTVP_BENCH=<tvp-bench> -DRESULTS_DIR=<dir> [-DTVP_EXPORT=<tvp-export>] -P bench_json.cmake
# (the bench-json target). Runs the suite with a JSON report into
# RESULTS_DIR/<hostname>-<YYYYmmdd-HHMMSS>.json and prints the path. With TVP_EXPORT, it also writes
# <same name>.trackers.json beside it: the strict JSON (no NaN) that github-action-benchmark and
# Bencher read, one median per benchmark; a failed export is a warning, never the run's failure.
# The run length is set here, on the command line, never in code (it would change the benchmark
# names): min_time and repetitions for the families Google Benchmark runs; the paired
# families (latency/, throughput/, bare/) take their rounds from tvp-bench's own defaults
# (--tvp_ci_width, --tvp_cell_budget_ms...). Flags from the environment variable TVP_BENCH_ARGS come
# last and override these.
# The report is written to <name>.json.tmp and renamed when tvp-bench finished: a run that crashed
# or was interrupted never leaves a truncated report under a final name.
set(defaults --benchmark_min_time=0.05 --benchmark_repetitions=3)
separate_arguments(extra UNIX_COMMAND "$ENV{TVP_BENCH_ARGS}")
foreach(arg IN LISTS extra)
  if(arg MATCHES "^--benchmark_out(_format)?=")
    message(FATAL_ERROR "bench-json: TVP_BENCH_ARGS: ${arg}: the report's path and format are set by bench-json")
  endif()
endforeach()

cmake_host_system_information(RESULT host QUERY HOSTNAME)
string(REGEX REPLACE "[^A-Za-z0-9._-]" "_" host "${host}")
string(TIMESTAMP stamp "%Y%m%d-%H%M%S")
file(MAKE_DIRECTORY "${RESULTS_DIR}")
set(report "${RESULTS_DIR}/${host}-${stamp}.json")

execute_process(COMMAND "${TVP_BENCH}" ${defaults} ${extra}
                        "--benchmark_out=${report}.tmp" --benchmark_out_format=json
                RESULT_VARIABLE rc)
# 0: all benchmarks ran; 1: the report is complete but some benchmarks failed (their entries say
# "error_occurred"); 3: complete, but some results were faster than the floor measured beside them
# (their rows say suspect = 1; the report leaves them out and lists them). Anything else (bad
# flags, a crash, a signal) means no usable report.
if(rc STREQUAL "0" OR rc STREQUAL "1" OR rc STREQUAL "3")
  file(RENAME "${report}.tmp" "${report}")
  message("${report}")
  # Also for rc 1 and 3: the trackers get what did run; tvp-export leaves out failed and suspect
  # benchmarks and lists them in the export's context.
  if(TVP_EXPORT)
    string(REGEX REPLACE "\\.json$" ".trackers.json" trackers "${report}")
    execute_process(COMMAND "${TVP_EXPORT}" "${report}" -o "${trackers}"
                    RESULT_VARIABLE export_rc ERROR_VARIABLE export_err)
    string(STRIP "${export_err}" export_err)
    if(export_rc STREQUAL "0")
      message("${trackers}")
      if(export_err)
        message("${export_err}")
      endif()
    else()
      message(WARNING "bench-json: no tracker export (${export_rc}): ${export_err}")
    endif()
  endif()
  if(rc STREQUAL "1")
    message(FATAL_ERROR "bench-json: some benchmarks failed (see above); report kept at ${report}")
  elseif(rc STREQUAL "3")
    message(WARNING "bench-json: some results are suspect (see above); the report lists them")
  endif()
else()
  file(REMOVE "${report}.tmp")
  message(FATAL_ERROR "bench-json: tvp-bench failed (${rc}); no report written")
endif()
