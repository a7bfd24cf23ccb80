// Test-only fault injection (compiled in with TVP_TEST_KNOBS):
// --tvp_test_fault=<transport>:<kind>:<n> makes the peer of every latency and throughput benchmark
// of one transport misbehave after it has handled n messages, so the fault tests can check that the
// affected benchmark fails with a clear error in bounded time, the others still run, and nothing is
// left behind. Like the slowdown, a run with it on announces itself and marks its report.
#pragma once

#include <cstdint>
#include <optional>

#include "options.hpp"
#include "tvp/peer.hpp"
#include "tvp/transport.hpp"

namespace tvp::bench {

// Arms the fault (nullopt: off): prints a banner on stderr and records "tvp_test_fault" in the
// report's context. Call once, before the benchmarks run.
void arm_test_fault(const std::optional<TestFault>& f);

// The armed fault as seen by one peer body. Usage, per phase of `count` messages:
//   serve(fault.allow(count));  if (fault.strike(ctx)) return;
class PeerFault {
 public:
  PeerFault(const TransportInfo& t, Model model) noexcept;

  // How many of the next `count` messages to handle before the fault point (all when unarmed).
  std::uint64_t allow(std::uint64_t count) noexcept;
  // At the fault point: kill → SIGKILL (process) or an exception (thread); exit → _exit(3)
  // (process) or true (the thread body returns early); hang → stops answering until the watchdog
  // gives up, then true. Otherwise false.
  bool strike(PeerContext& ctx);

 private:
  std::optional<TestFault> fault_;
  Model model_;
  std::uint64_t left_ = 0;
};

}  // namespace tvp::bench
