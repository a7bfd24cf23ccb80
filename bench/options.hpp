// tvp-bench's own command-line flags. They are parsed and removed from argv before Google
// Benchmark sees it, so that benchmark::ReportUnrecognizedArguments rejects everything else.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tvp::bench {

// Largest message size --tvp_sizes accepts.
inline constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;
// The watchdog's default: a peer that makes no progress for this long fails its benchmark.
inline constexpr std::chrono::milliseconds kDefaultWatchdog{10'000};

// Bad tvp-bench flag; what() is the one-line message (without the program name).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// --tvp_test_slowdown=T:NS (a fixed delay per message) or T:P% (P% of the cell's own time per
// message, measured during its warm-up: the same relative change for a 200 ns ring and a 10 us pipe).
struct TestSlowdown {
  std::string transport;
  std::chrono::nanoseconds delay{0};  // the fixed form; zero when `fraction` is set
  double fraction = 0;                // the relative form: 0.10 for "10%"
  std::string text() const;           // as given on the command line, e.g. "pipe:10%"
};

// --tvp_test_fault (TVP_TEST_KNOBS only; see fault_knob.hpp).
enum class FaultKind { kill, exit, hang };
const char* to_string(FaultKind k) noexcept;
struct TestFault {
  std::string transport;
  FaultKind kind = FaultKind::kill;
  std::uint64_t after_messages = 0;
};

// How the paired families (latency/, throughput/, bare/) are measured: rounds of short batches of
// every arm of a cell, until each ratio's interval is narrow enough or the cell's budget is spent.
// Unset fields take the matrix's default (smaller for --quick).
struct PairingOptions {
  double ci_width = 0.03;                              // --tvp_ci_width: target relative half width
  std::optional<std::chrono::milliseconds> batch;      // --tvp_batch_ms: one arm's timed batch
  std::optional<std::size_t> min_rounds;               // --tvp_min_rounds
  std::optional<std::size_t> max_rounds;               // --tvp_max_rounds
  std::optional<std::chrono::milliseconds> cell_budget;  // --tvp_cell_budget_ms
  std::optional<std::uint64_t> seed;                   // --tvp_seed; random when unset
};

// What tvp-bench prints on stdout while it runs: one short line per benchmark with its place and the
// time left (progress), or Google Benchmark's own table with every counter (full). A
// --benchmark_format other than console (json, csv on stdout) always gets Google Benchmark's.
enum class ConsoleKind { progress, full };

struct BenchOptions {
  bool quick = false;
  ConsoleKind console = ConsoleKind::progress;  // --tvp_console
  bool machine_console = false;  // --benchmark_format=json|csv seen (left in argv for Google Benchmark)
  bool list_tests = false;  // --benchmark_list_tests seen (left in argv for Google Benchmark too)
  // --benchmark_out / --benchmark_out_format, taken out of argv: tvp-bench writes the report itself
  // so that rows it measures outside Google Benchmark's runner land in the same file.
  std::string report_path;
  std::string report_format = "json";
  PairingOptions pairing;
  std::optional<std::vector<std::size_t>> sizes;       // --tvp_sizes; nullopt = the matrix default
  std::optional<std::vector<std::string>> transports;  // --tvp_transports; nullopt = all
  std::chrono::milliseconds watchdog = kDefaultWatchdog;  // --tvp_watchdog_ms
  // --tvp_list_transports=SET: print the registry rows in SET, one name a line, and exit, so that
  // scripts take their subsets from the rows instead of naming transports.
  std::optional<std::string> list_transports;
  std::optional<TestSlowdown> slowdown;  // --tvp_test_slowdown (TVP_TEST_KNOBS only)
  std::optional<TestFault> fault;        // --tvp_test_fault (TVP_TEST_KNOBS only)
};

// Takes tvp-bench's flags out of argv (shifting the rest down, updating argc) and returns them.
// Flags that are not tvp-bench's are left for Google Benchmark. Throws UsageError for a bad value,
// an unknown transport or a repeated flag.
BenchOptions take_bench_options(int& argc, char** argv);

// The names of the rows in `set` (all, quick, serialized, perf_gate, bare), in row order.
// Throws UsageError for an unknown set.
std::vector<std::string_view> transports_in(std::string_view set);

// The help text for tvp-bench's own flags (printed after Google Benchmark's on --help).
const char* bench_options_help();

}  // namespace tvp::bench
