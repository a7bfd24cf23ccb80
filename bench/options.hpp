// tvp-bench's own command-line flags. They are parsed and removed from argv before Google
// Benchmark sees it, so that benchmark::ReportUnrecognizedArguments rejects everything else.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
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

struct TestSlowdown {
  std::string transport;
  std::chrono::nanoseconds delay{0};
};

// --tvp_test_fault (TVP_TEST_KNOBS only; see fault_knob.hpp).
enum class FaultKind { kill, exit, hang };
const char* to_string(FaultKind k) noexcept;
struct TestFault {
  std::string transport;
  FaultKind kind = FaultKind::kill;
  std::uint64_t after_messages = 0;
};

struct BenchOptions {
  bool quick = false;
  std::optional<std::vector<std::size_t>> sizes;       // --tvp_sizes; nullopt = the matrix default
  std::optional<std::vector<std::string>> transports;  // --tvp_transports; nullopt = all
  std::chrono::milliseconds watchdog = kDefaultWatchdog;  // --tvp_watchdog_ms
  std::optional<TestSlowdown> slowdown;  // --tvp_test_slowdown (TVP_TEST_KNOBS only)
  std::optional<TestFault> fault;        // --tvp_test_fault (TVP_TEST_KNOBS only)
};

// Takes tvp-bench's flags out of argv (shifting the rest down, updating argc) and returns them.
// Flags that are not tvp-bench's are left for Google Benchmark. Throws UsageError for a bad value,
// an unknown transport or a repeated flag.
BenchOptions take_bench_options(int& argc, char** argv);

// The help text for tvp-bench's own flags (printed after Google Benchmark's on --help).
const char* bench_options_help();

}  // namespace tvp::bench
