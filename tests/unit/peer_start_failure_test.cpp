// Every step of the Peer constructor made to fail, for both models: the constructor throws a
// message naming the step, and leaves no thread, child or fd behind (LeakCheckedTest). Steps that
// are system calls fail through the TVP_TEST_KNOBS seam in lib/src/peer/fault_injection.hpp; the
// hooks, the pinning and a child ending early fail for real.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "peer/fault_injection.hpp"
#include "resource_snapshot.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;
using peer::Step;

struct StartFailure {
  const char* name;
  Model model;
  std::optional<Step> step;                  // a step made to fail through the seam
  std::function<void(PeerOptions&)> set_up;  // or options that make a step fail for real
  const char* expected;                      // part of the constructor's error message
};
void PrintTo(const StartFailure& c, std::ostream* os) { *os << c.name; }

void pin_to_missing_cpu(PeerOptions& o) { o.cpu = 1000; }
void throw_in_parent(PeerOptions& o) {
  o.in_parent = [] { throw std::runtime_error("in_parent boom"); };
}
void throw_in_child(PeerOptions& o) {
  o.in_child = [] { throw std::runtime_error("in_child boom"); };
}
void exit_in_child(PeerOptions& o) {
  o.in_child = [] { ::_exit(5); };
}

const StartFailure kCases[] = {
    {"thread_map", Model::thread, Step::shared_block, {}, "map the peer block (injected)"},
    {"thread_release_pipe", Model::thread, Step::release_pipe, {}, "pipe2 (peer release)"},
    {"thread_status_pipe", Model::thread, Step::status_pipe, {}, "pipe2 (peer status)"},
    {"thread_start", Model::thread, Step::peer_thread, {}, "start the peer thread"},
    {"thread_pin", Model::thread, {}, pin_to_missing_cpu, "(thread) failed: pin to CPU 1000"},
    {"thread_handshake_stall",
     Model::thread,
     Step::peer_handshake,
     {},
     "(thread) made no progress for 200 ms: stopped"},
    {"thread_handshake_poll", Model::thread, Step::handshake_poll, {}, "poll peer 'doomed'"},
    {"thread_watchdog_pipe", Model::thread, Step::watchdog_pipe, {}, "pipe2 (watchdog wake-up)"},
    {"thread_watchdog_start", Model::thread, Step::watchdog_thread, {}, "start the peer watchdog"},
    {"process_map", Model::process, Step::shared_block, {}, "map the peer block (injected)"},
    {"process_release_pipe", Model::process, Step::release_pipe, {}, "pipe2 (peer release)"},
    {"process_status_pipe", Model::process, Step::status_pipe, {}, "pipe2 (peer status)"},
    {"process_fork", Model::process, Step::fork, {}, "fork for peer 'doomed' (injected)"},
    {"process_in_parent", Model::process, {}, throw_in_parent, "in_parent boom"},
    {"process_in_child", Model::process, {}, throw_in_child, "failed: in_child boom"},
    {"process_exit_in_child", Model::process, {}, exit_in_child, "exited with status 5"},
    {"process_pin", Model::process, {}, pin_to_missing_cpu, "failed: pin to CPU 1000"},
    {"process_handshake_stall",
     Model::process,
     Step::peer_handshake,
     {},
     "made no progress for 200 ms: killed"},
    {"process_handshake_poll", Model::process, Step::handshake_poll, {}, "poll peer 'doomed'"},
    {"process_watchdog_pipe", Model::process, Step::watchdog_pipe, {}, "pipe2 (watchdog wake-up)"},
    {"process_watchdog_start",
     Model::process,
     Step::watchdog_thread,
     {},
     "start the peer watchdog"},
};

class PeerStartFailureTest : public testing::LeakCheckedTest,
                             public ::testing::WithParamInterface<StartFailure> {};

TEST_P(PeerStartFailureTest, ThrowsAndLeavesNothingBehind) {
#ifndef TVP_TEST_KNOBS
  GTEST_SKIP() << "needs the TVP_TEST_KNOBS fault seam";
#else
  const StartFailure& c = GetParam();
  PeerOptions o;
  o.name = "doomed";
  o.model = c.model;
  o.stall_timeout = 200ms;
  if (c.set_up) c.set_up(o);
  std::optional<peer::InjectedFailure> failure;
  if (c.step) failure.emplace(*c.step);
  const auto t0 = std::chrono::steady_clock::now();
  std::string error;
  try {
    // A body that only a stop request ends: any started peer must be stopped (or killed) by the
    // failed constructor itself, or this test hangs or leaks it.
    Peer p(o, [](PeerContext& ctx) {
      while (!ctx.stop_requested()) std::this_thread::sleep_for(1ms);
    });
    ADD_FAILURE() << "the constructor did not throw";
  } catch (const std::exception& e) {
    error = e.what();
  }
  EXPECT_NE(error.find(c.expected), std::string::npos) << error;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);  // bounded, not a timing target
#endif
}

INSTANTIATE_TEST_SUITE_P(Steps, PeerStartFailureTest, ::testing::ValuesIn(kCases),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace tvp
