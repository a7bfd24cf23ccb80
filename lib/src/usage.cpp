#include "tvp/usage.hpp"

#include <sys/resource.h>
#include <time.h>

#include "tvp/error.hpp"

namespace tvp {

Usage thread_usage_now() {
  // CPU time from the thread CPU clock: rusage's user/system split is tick-sampled and reads 0 for
  // a short busy burst; the clock is the scheduler's exact runtime.
  timespec ts{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) throw_errno("clock_gettime(THREAD_CPUTIME)");
  rusage ru{};
  if (getrusage(RUSAGE_THREAD, &ru) != 0) throw_errno("getrusage(RUSAGE_THREAD)");
  return {static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec, ru.ru_nvcsw,
          ru.ru_nivcsw};
}

}  // namespace tvp
