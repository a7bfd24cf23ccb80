#include "fault_knob.hpp"

#include <benchmark/benchmark.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

namespace tvp::bench {
namespace {
std::optional<TestFault> g_fault;
}  // namespace

const char* to_string(FaultKind k) noexcept {
  switch (k) {
    case FaultKind::kill:
      return "kill";
    case FaultKind::exit:
      return "exit";
    case FaultKind::hang:
      return "hang";
  }
  return "?";
}

void arm_test_fault(const std::optional<TestFault>& f) {
  g_fault = f;
  if (!f) return;
  const std::string what =
      f->transport + ":" + to_string(f->kind) + ":" + std::to_string(f->after_messages);
  std::fprintf(stderr,
               "tvp-bench: ********************************************************************\n"
               "tvp-bench: TEST KNOB ON: --tvp_test_fault=%s: the peers of '%s' misbehave.\n"
               "tvp-bench: ********************************************************************\n",
               what.c_str(), f->transport.c_str());
  benchmark::AddCustomContext("tvp_test_fault", what);
}

PeerFault::PeerFault(const TransportInfo& t, Model model) noexcept : model_(model) {
  if (g_fault && g_fault->transport == t.name) {
    fault_ = g_fault;
    left_ = g_fault->after_messages;
  }
}

std::uint64_t PeerFault::allow(std::uint64_t count) noexcept {
  if (!fault_) return count;
  const std::uint64_t n = std::min(count, left_);
  left_ -= n;
  return n;
}

bool PeerFault::strike(PeerContext& ctx) {
  if (!fault_ || left_ != 0) return false;
  const FaultKind kind = fault_->kind;
  fault_.reset();  // once per peer
  const bool child = model_ == Model::process;
  switch (kind) {
    case FaultKind::kill:
      if (child) ::raise(SIGKILL);
      throw std::runtime_error("test fault: peer thread killed");
    case FaultKind::exit:
      if (child) ::_exit(3);
      return true;
    case FaultKind::hang:
      // Not a busy wait: a hung peer must not steal the CPU the watchdog and initiator need.
      while (!ctx.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return true;
  }
  return false;
}

}  // namespace tvp::bench
