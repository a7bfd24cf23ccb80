#include "peer/fault_injection.hpp"

#ifdef TVP_TEST_KNOBS
#include <atomic>
#include <cerrno>

#include "tvp/error.hpp"

namespace tvp::peer {
namespace {
constexpr int kNone = -1;
// relaxed: a test arms the step before it constructs the Peer on the same thread; the peer and
// watchdog threads started later are ordered after it by their std::thread construction.
std::atomic<int> g_armed{kNone};
}  // namespace

bool injected(Step step) noexcept {
  return g_armed.load(std::memory_order_relaxed) == static_cast<int>(step);
}

void inject(Step step, const char* what) {
  if (injected(step)) throw SystemError(std::string(what) + " (injected)", EAGAIN);
}

InjectedFailure::InjectedFailure(Step step) noexcept {
  g_armed.store(static_cast<int>(step), std::memory_order_relaxed);
}
InjectedFailure::~InjectedFailure() { g_armed.store(kNone, std::memory_order_relaxed); }

}  // namespace tvp::peer
#endif
