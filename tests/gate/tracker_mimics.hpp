// What the two trackers extract from a Google Benchmark JSON file, re-stated from their sources so
// the export can be checked against them without Node or Rust (read 2026-11-30 at
// benchmark-action/github-action-benchmark c38cce9 and bencherdev/bencher 8d75325):
//  - github-action-benchmark src/extract.ts, extractGoogleCppResult: JSON.parse(output) (strict:
//    a bare NaN throws and fails the step), then for every element of `benchmarks`: name = name,
//    value = real_time, unit = time_unit + "/iter". Alerts match entries by name, first match wins.
//  - Bencher lib/bencher_adapter/src/adapters/cpp/google.rs, AdapterCppGoogle: serde_json into
//    {context: {caches: Vec<_>}, benchmarks: Vec<{name, real_time: f64 as Decimal, time_unit}>};
//    any failure (NaN, no caches, unknown unit, empty name) and the adapter yields nothing. Value =
//    real_time in ns (ps/ns/us/µs/μs/ms/s), measure "latency"; names go into a HashMap, so a
//    repeated name keeps the last value; no benchmarks → no results; `--average median` → no
//    results.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tvp::test {

struct TrackerPoint {
  std::string name;
  double value = 0;
  std::string unit;
};

// github-action-benchmark `googlecpp`. Throws nlohmann::json::parse_error where JSON.parse throws.
std::vector<TrackerPoint> googlecpp_points(const std::string& text);

// Bencher `cpp_google`: run_name → nanoseconds; nullopt where the adapter returns no results.
std::optional<std::map<std::string, double>> bencher_cpp_google(const std::string& text);

}  // namespace tvp::test
