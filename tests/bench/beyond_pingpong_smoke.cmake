# Smoke test of the families beyond the ping-pong (issue #8: openloop, scaling, ownership,
# structured): one iteration of each benchmark on the --quick matrix over one transport of each
# kind, run and counter-checked by tvp_bench_smoke() like every other family, then checked for what
# is particular to these families (their key:value name field, consistent counters) by
# beyond_pingpong_check.cmake. include()d by tests/bench/CMakeLists.txt after tvp_bench_smoke().
if(NOT COMMAND tvp_bench_smoke)
  message(FATAL_ERROR "beyond_pingpong_smoke.cmake: include it after tvp_bench_smoke() is defined")
endif()

# p99_ns/p999_ns need 1,000/10,000 samples: absent in a smoke run (checked when present).
set(BEYOND_TAIL p50_ns,p90_ns,max_ns,cpu_ns_per_msg,vcsw_per_msg,ivcsw_per_msg)
tvp_bench_smoke(beyond_pingpong
  RUN --quick --tvp_transports=pipe,shm_ring,sharedptr_spsc
      "--benchmark_filter=^(openloop|scaling|ownership|structured)/"
  CHECK
    "--counters=openloop/:${BEYOND_TAIL},offered_rate,achieved_rate,capacity_msgs_per_s,behind_pct,rate_pct"
    "--counters=scaling/:${BEYOND_TAIL},msgs_per_s,pairs,min_pair_msgs_per_s,max_pair_msgs_per_s"
    "--counters=ownership/:${BEYOND_TAIL},msgs_per_s"
    "--counters=structured/:${BEYOND_TAIL},msgs_per_s"
    --expect=ownership/refcount_pingpong/thread/cross_core/64/manual_time
    --expect=structured/sharedptr/thread/cross_core/65536/codec:none/manual_time
    --expect=structured/shm_ring/process/cross_core/200/codec:msgpack/manual_time)
add_test(NAME bench.beyond_pingpong.consistency
         COMMAND ${CMAKE_COMMAND} -DREPORT=${CMAKE_CURRENT_BINARY_DIR}/smoke-beyond_pingpong.json
                 -P ${CMAKE_CURRENT_LIST_DIR}/beyond_pingpong_check.cmake)
set_tests_properties(bench.beyond_pingpong.consistency PROPERTIES
  LABELS bench TIMEOUT 30 FIXTURES_REQUIRED bench-beyond_pingpong)
