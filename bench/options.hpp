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
#include <utility>
#include <vector>

namespace tvp::bench {

// Largest message size --tvp_sizes accepts.
inline constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;
// The longest --benchmark_filter accepted: std::regex compiles recursively, and a pattern of
// 100,000 characters overflows the stack.
inline constexpr std::size_t kMaxFilterChars = 4096;
// The watchdog's default: a peer that makes no progress for this long fails its benchmark.
inline constexpr std::chrono::milliseconds kDefaultWatchdog{10'000};

// Bad tvp-bench flag; what() is the one-line message (without the program name). A line break in a
// value quoted by the message becomes a space, so the message stays one line whatever was typed.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(std::string message) : std::runtime_error(one_line(std::move(message))) {}

 private:
  static std::string one_line(std::string s) {
    for (char& c : s)
      if (c == '\n' || c == '\r') c = ' ';
    return s;
  }
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

// Google Benchmark 1.7.1 only finds out after the whole run that it cannot write its report (and
// then exits 1, like a failed benchmark): tvp-bench checks --benchmark_out's path up front. Creates
// and removes the file when it was not there; never truncates one that was. Throws UsageError.
void check_writable_report(std::string_view path);
using ReportPathCheck = void (*)(std::string_view path);

// Takes tvp-bench's flags out of argv (shifting the rest down, updating argc) and returns them.
// Flags that are not tvp-bench's are left for Google Benchmark. Throws UsageError for a bad value,
// an unknown transport or a repeated flag, and nothing else. REQUIRES: argv has argc + 1 entries
// (argv[argc] is set to null). `check_report` vets --benchmark_out's path (a seam for the fuzz
// target, tests/fuzz/bench_options_fuzz.cpp, which must not create files).
BenchOptions take_bench_options(int& argc, char** argv,
                                ReportPathCheck check_report = &check_writable_report);

// The names of the rows in `set` (all, quick, serialized, perf_gate, bare), in row order.
// Throws UsageError for an unknown set.
std::vector<std::string_view> transports_in(std::string_view set);

// The help text for tvp-bench's own flags (printed after Google Benchmark's on --help).
const char* bench_options_help();

}  // namespace tvp::bench
