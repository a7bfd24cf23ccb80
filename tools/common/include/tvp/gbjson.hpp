// tvp::gbjson — reads the Google Benchmark 1.7.1 JSON reports that tvp-bench writes, for the tools
// (tvp-report, tvp-compare). One header, no Google Benchmark dependency: the tools read files only.
//
//   const tvp::gbjson::Report r = tvp::gbjson::load_report("results/a.json");
//   for (const tvp::gbjson::Entry& e : r.benchmarks)
//     if (e.run_type == tvp::gbjson::RunType::iteration) use(e.run_name, e.real_time_ns);
//
// Every problem with the input is a tvp::gbjson::Error whose what() is one line,
// "<path>: <problem>", so a tool prints "tvp-compare: " + what() and exits 2.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tvp::gbjson {

// What went wrong, for callers (and tests) that react differently to different failures.
enum class ErrorKind {
  file_missing,       // the path does not exist
  file_unreadable,    // exists but cannot be opened or read (permissions, a directory, I/O error)
  malformed_json,     // not JSON even after NaN/Infinity are accepted, or a number out of range
  not_a_report,       // JSON, but no "context" object or no "benchmarks" array
  bad_field,          // a required field is missing or has the wrong type
  empty_report,       // "benchmarks" is an empty array
  unknown_time_unit,  // time_unit is not one of ns, us, ms, s
  bad_name,           // strict naming was asked for and a run_name does not fit the tvp scheme
};

// The one exception type of this library. what() = "<path>: <problem>" on a single line.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& path, const std::string& problem,
        std::optional<std::size_t> byte_offset = std::nullopt);
  ErrorKind kind() const noexcept { return kind_; }
  const std::string& path() const noexcept { return path_; }
  const std::string& problem() const noexcept { return problem_; }
  // For malformed_json: 0-based offset into the ORIGINAL file bytes near which parsing failed
  // (nullopt if unknown: a number too large for a double is reported by its token only).
  std::optional<std::size_t> byte_offset() const noexcept { return byte_offset_; }

 private:
  ErrorKind kind_;
  std::string path_;
  std::string problem_;
  std::optional<std::size_t> byte_offset_;
};

// ---- Benchmark names -------------------------------------------------------------------------

// `<family>/<transport>/<model>/<placement>/<bytes>[/suffix...]`, e.g.
// `latency/pipe/process/cross_core/4096/manual_time` → {latency, pipe, process, cross_core, 4096,
// {"manual_time"}}. Suffixes are Google Benchmark's own (`manual_time`, `real_time`, `repeats:3`,
// `threads:2`, `min_time:0.5`…) kept verbatim and in order.
struct BenchmarkName {
  std::string family;
  std::string transport;
  std::string model;      // thread | process (not checked: the vocabulary may grow)
  std::string placement;  // same_core | cross_core | unpinned (not checked, as above)
  std::uint64_t bytes = 0;
  std::vector<std::string> suffixes;

  // The five tvp fields joined with '/', without suffixes: the same benchmark across runs that
  // differ only in timing options.
  std::string key() const;
};

// Parses a run_name (use run_name, not name: aggregate names carry `_mean`/`_median` on the last
// field). Returns nullopt when the name does not fit: fewer than five '/'-separated fields, an
// empty field, or a bytes field that is not a decimal integer fitting in 64 bits. Checks the
// structure only, never the vocabulary (families and transports are added over time).
std::optional<BenchmarkName> parse_benchmark_name(std::string_view run_name);

// ---- Time units ------------------------------------------------------------------------------

// Nanoseconds per one `unit` for Google Benchmark's units "ns", "us", "ms", "s"; nullopt otherwise.
std::optional<double> ns_per_unit(std::string_view unit);

// ---- Report ----------------------------------------------------------------------------------

enum class RunType { iteration, aggregate };

// The report's "context" object. Google Benchmark 1.7.1 always writes date, host_name, num_cpus and
// mhz_per_cpu; they are required. Keys that Google Benchmark itself does not write (those added
// with benchmark::AddCustomContext) are collected in `custom`.
struct Context {
  nlohmann::json raw;  // the whole object, for anything not surfaced below
  std::string date;    // ISO 8601 as written, e.g. "2026-11-28T13:41:23+00:00"
  std::string host_name;
  std::string executable;  // empty when absent
  std::int64_t num_cpus = 0;
  double mhz_per_cpu = 0;
  // Custom context keys → value; a string value as is, any other JSON value as its compact dump.
  std::map<std::string, std::string> custom;
};

// One element of "benchmarks". Times are kept as written AND converted to nanoseconds.
// Non-finite numbers (NaN, ±Infinity in the file) read as quiet NaN everywhere.
struct Entry {
  std::string name;      // as written; aggregates end in _mean, _median, _stddev, _cv
  std::string run_name;  // name without the aggregate suffix: the key shared by repetitions
  RunType run_type = RunType::iteration;
  std::string aggregate_name;  // "mean", "median", "stddev", "cv"…; empty for iterations
  std::string aggregate_unit;  // "time" or "percentage" (cv); empty for iterations or if absent
  std::int64_t repetition_index = -1;  // 0-based; -1 for aggregates (Google Benchmark omits it)
  std::int64_t repetitions = 0;
  std::int64_t threads = 1;
  std::int64_t iterations = 0;
  double real_time = 0;  // per iteration, in time_unit; a plain ratio when holds_ratio()
  double cpu_time = 0;   // per iteration, in time_unit; a plain ratio when holds_ratio()
  std::string time_unit;
  double real_time_ns = 0;      // real_time converted to nanoseconds; NaN when holds_ratio()
  double cpu_time_ns = 0;       // cpu_time converted to nanoseconds; NaN when holds_ratio()
  bool error_occurred = false;  // state.SkipWithError was called; times are then meaningless
  std::string error_message;
  std::string label;  // state.SetLabel, empty when absent
  // Every other numeric key of the entry: user counters (p50_ns, msgs_per_s, bytes_per_second…)
  // and Google Benchmark's memory figures if present. Values are as written (rates already divided
  // by time by Google Benchmark); null/NaN/Infinity → NaN.
  std::map<std::string, double> counters;
  // parse_benchmark_name(run_name); nullopt when the name does not fit the scheme.
  std::optional<BenchmarkName> parsed_name;

  // An aggregate with aggregate_unit "percentage" (Google Benchmark's _cv, tvp's ratio_to_* rows):
  // Google Benchmark writes its real_time/cpu_time unscaled, a ratio and not a time, so
  // real_time_ns/cpu_time_ns are NaN and no ratio is ever read as nanoseconds.
  bool holds_ratio() const {
    return run_type == RunType::aggregate && aggregate_unit == "percentage";
  }
};

struct Report {
  std::string path;  // as given to load_report / parse_report
  Context context;
  std::vector<Entry> benchmarks;  // in file order
};

enum class Naming {
  lenient,  // names that do not fit the tvp scheme are kept with parsed_name = nullopt
  strict,   // any such name is an Error of kind bad_name
};

// Reads and validates the report at `path`.
// Throws Error (never anything else for bad input; std::bad_alloc may still escape).
Report load_report(const std::filesystem::path& path, Naming naming = Naming::lenient);

// Same as load_report on text already in memory; `source` names it in error messages.
Report parse_report(std::string_view text, const std::string& source,
                    Naming naming = Naming::lenient);

// ---- Paired ratios (tvp-bench's paired, interleaved rounds) ----------------------------------

// tvp-bench measures the arms of one cell (thread, process, their bare/ twins, the floor) in
// rounds and writes, per ratio, one aggregate row named `<arm run_name>_<kind>` with aggregate_unit
// "percentage": real_time = the estimate, counters ci_low, ci_high, rounds, half_width, target_met,
// suspect. The kinds (aggregate_name): ratio_to_thread (process ÷ thread time per iteration, on the
// process arm), ratio_to_bare (latency ÷ bare/ twin), ratio_to_floor (latency ÷
// floor/cacheline_pair of the same rounds), ratio_to_memcpy (bytes_per_second ÷ memcpy's).
struct PairedRatio {
  std::string kind;     // aggregate_name, e.g. "ratio_to_thread"
  double estimate = 0;  // geometric mean of the per-round ratios
  double ci_low = 0;    // 95% interval; NaN when the file has NaN there
  double ci_high = 0;
  std::int64_t rounds = 0;  // the "rounds" counter, else the row's repetitions
  double half_width = 0;  // relative half width (0.03 = ±3%); derived from the interval if absent
  std::optional<bool> target_met;  // nullopt when the row does not say
  bool suspect = false;            // either side was flagged suspect by tvp-bench

  // True when the interval is finite and holds 1: "no measurable difference".
  bool holds_one() const;
  // True when estimate and interval are finite, positive and ordered low <= estimate <= high.
  bool usable() const;
};

// True for the aggregate_name of a paired ratio row ("ratio_to_" + anything).
bool is_ratio_kind(std::string_view aggregate_name);

// The figures of a paired ratio row; nullopt for any other entry (iterations, _mean, _cv...).
// load_report has already refused ratio rows without aggregate_unit "percentage" or without
// ci_low/ci_high, so for a loaded report this never needs to guess.
std::optional<PairedRatio> paired_ratio(const Entry& entry);

// The self-check flag tvp-bench puts on a cell faster than its run's floor (a measuring error, not
// a result): the entry has a "suspect" counter that is finite and not 0.
bool flagged_suspect(const Entry& entry);

// Google Benchmark writes bare NaN, -NaN, Infinity and -Infinity, which are not JSON. Returns
// `text` with each such token outside string literals replaced by `null` (padded with spaces to
// keep the length where the token is longer). `NaN` grows by one byte: the 0-based positions in the
// result where that happened are appended to `grown_at` (if given) so offsets can be mapped back.
std::string replace_non_finite(std::string_view text, std::vector<std::size_t>* grown_at = nullptr);

}  // namespace tvp::gbjson
