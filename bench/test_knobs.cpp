#include "test_knobs.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

namespace tvp::bench {
namespace {
std::optional<TestSlowdown> g_slowdown;
}  // namespace

void arm_test_slowdown(const std::optional<TestSlowdown>& s) {
  g_slowdown = s;
  if (!s) return;
  const std::string what = s->transport + ":" + std::to_string(s->delay.count());
  std::fprintf(stderr,
               "tvp-bench: ********************************************************************\n"
               "tvp-bench: TEST KNOB ON: --tvp_test_slowdown=%s adds %lld ns per message of '%s'.\n"
               "tvp-bench: These numbers are deliberately wrong; the report is marked as such.\n"
               "tvp-bench: ********************************************************************\n",
               what.c_str(), static_cast<long long>(s->delay.count()), s->transport.c_str());
  benchmark::AddCustomContext("tvp_test_slowdown", what);
}

std::chrono::nanoseconds test_slowdown_for(const TransportInfo& t) noexcept {
  if (g_slowdown && g_slowdown->transport == t.name) return g_slowdown->delay;
  return std::chrono::nanoseconds{0};
}

}  // namespace tvp::bench
