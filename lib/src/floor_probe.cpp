#include "tvp/floor_probe.hpp"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "tvp/error.hpp"
#include "tvp/peer.hpp"
#include "tvp/placement.hpp"
#include "tvp/sync/spin_wait.hpp"

namespace tvp {
namespace {

static_assert(std::atomic<std::uint64_t>::is_always_lock_free &&
                  std::atomic<bool>::is_always_lock_free,
              "CachelinePingPong is shared across processes: its atomics must be lock-free");

// Odd, so the responder can never mistake it for an answer it wrote itself.
constexpr std::uint64_t kStop = ~std::uint64_t{0};
constexpr std::size_t kBufferAlignment = 64;

using Clock = std::chrono::steady_clock;
constexpr auto kBatch = std::chrono::microseconds(500);

// Pins the calling thread for a scope and restores the exact affinity it had before, so a probe
// run at start-up leaves its caller as it found it.
class AffinityScope {
 public:
  explicit AffinityScope(int cpu) {
    if (int rc = pthread_getaffinity_np(pthread_self(), sizeof(saved_), &saved_); rc != 0)
      throw SystemError("pthread_getaffinity_np", rc);
    pin_this_thread(cpu);
  }
  ~AffinityScope() { (void)pthread_setaffinity_np(pthread_self(), sizeof(saved_), &saved_); }
  AffinityScope(const AffinityScope&) = delete;
  AffinityScope& operator=(const AffinityScope&) = delete;

 private:
  cpu_set_t saved_{};
};

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

std::uint64_t CachelinePingPong::wait_for_change(const std::atomic<std::uint64_t>& line,
                                                 std::uint64_t seen) const {
  // The transports' own wait (SpinYieldWait): kPauseSpins pauses, then yield. A cross-CPU answer
  // arrives well within the spin; on a shared CPU it cannot come until we yield, so a same_core
  // round trip includes two spins and two yields, the price every spinning transport pays there.
  std::uint64_t v = seen;
  auto changed = [&] {
    // acquire: pairs with the writer's release, so whatever it wrote before is visible to us.
    v = line.load(std::memory_order_acquire);
    return v != seen;
  };
  if (sync::spin_then_yield(sync::kPauseSpins, sync::kYieldForever, aborted_, changed) !=
      sync::Spun::ready)
    throw ChannelClosed("cache-line ping-pong aborted");
  return v;
}

void CachelinePingPong::ping(std::uint64_t rounds) {
  std::uint64_t v = answer_line().load(std::memory_order_acquire);
  if (v == kStop || (v & 1) != 0 || ping_line().load(std::memory_order_acquire) == kStop)
    throw VerifyError("cache-line ping-pong: ping() found value " + std::to_string(v) +
                      " (stopped, or an answer is still owed)");
  for (std::uint64_t r = 0; r < rounds; ++r) {
    const std::uint64_t sent = v + 1;
    ping_line().store(sent, std::memory_order_release);
    // The answer line holds our ping (one line) or the previous answer (a line per direction).
    v = wait_for_change(answer_line(), one_line() ? sent : v);
    if (v != sent + 1)
      throw VerifyError("cache-line ping-pong: sent " + std::to_string(sent) + ", answer " +
                        std::to_string(v) + " (expected " + std::to_string(sent + 1) + ")");
  }
}

void CachelinePingPong::stop() noexcept { ping_line().store(kStop, std::memory_order_release); }

void CachelinePingPong::serve(const std::function<void()>& progress) {
  std::uint64_t answered = 0;
  for (std::uint64_t n = 1;; ++n) {
    // The ping line holds our last answer (one line) or the ping we answered last (a line per
    // direction; 0 before the first).
    const std::uint64_t seen = one_line() || answered == 0 ? answered : answered - 1;
    const std::uint64_t v = wait_for_change(ping_line(), seen);
    if (v == kStop) return;
    if (v != answered + 1)
      throw VerifyError("cache-line ping-pong: answered " + std::to_string(answered) +
                        ", next ping " + std::to_string(v) + " (expected " +
                        std::to_string(answered + 1) + ")");
    answered = v + 1;
    answer_line().store(answered, std::memory_order_release);
    if (n % kProgressEvery == 0 && progress) progress();
  }
}

void CachelinePingPong::abort() noexcept { aborted_.raise(); }

void MemcpyBuffers::AlignedDelete::operator()(std::byte* p) const noexcept {
  ::operator delete[](p, std::align_val_t{kBufferAlignment});
}

MemcpyBuffers::MemcpyBuffers(std::size_t bytes) : bytes_(bytes) {
  auto allocate = [bytes] {
    auto* p = static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{kBufferAlignment}));
    // Non-zero: a zero page could stay mapped to the shared zero page until first written.
    std::memset(p, 0x5a, bytes);
    return p;
  };
  src_.reset(allocate());
  dst_.reset(allocate());
}

void MemcpyBuffers::copy() noexcept {
  std::memcpy(dst_.get(), src_.get(), bytes_);
  // The destination "escapes" to the compiler, so the copy cannot be proved dead and removed.
  __asm__ __volatile__("" : : "r"(dst_.get()) : "memory");
}

double cacheline_roundtrip_ns(int cpu_a, int cpu_b) {
  constexpr std::uint64_t kWarmupRounds = 256;
  constexpr std::uint64_t kChunk = 64;
  constexpr int kBatches = 7;

  auto line = std::make_unique<CachelinePingPong>();
  AffinityScope pin(cpu_a);
  PeerOptions opt;
  opt.name = "cache-line responder";
  opt.model = Model::thread;
  opt.cpu = cpu_b;
  opt.on_failure = [l = line.get()] { l->abort(); };
  Peer peer(std::move(opt),
            [l = line.get()](PeerContext& ctx) { l->serve([&ctx] { ctx.progress(); }); });
  std::vector<double> ns_per_round;
  try {
    line->ping(kWarmupRounds);
    for (int b = 0; b < kBatches; ++b) {
      const auto t0 = Clock::now();
      std::uint64_t rounds = 0;
      do {
        line->ping(kChunk);
        rounds += kChunk;
      } while (Clock::now() - t0 < kBatch);
      ns_per_round.push_back(seconds_since(t0) * 1e9 / static_cast<double>(rounds));
    }
    line->stop();
  } catch (const ChannelClosed&) {
    peer.join();  // the responder's failure is the cause: report that
    throw;
  }
  peer.join();
  // The fastest batch: the floor is a lower bound, and on a shared machine every disturbance only
  // makes a batch slower (the median read 150 ns to 2.3 us under load and flagged honest results).
  return *std::min_element(ns_per_round.begin(), ns_per_round.end());
}

double memcpy_bytes_per_second(std::size_t bytes) {
  constexpr int kBatches = 5;
  // Small copies take nanoseconds, as long as reading the clock: read it once per >= 256 KiB, or
  // the clock would be most of what is measured and the floor far too low.
  const std::size_t copies_per_check = std::max<std::size_t>(1, (std::size_t{256} << 10) / bytes);
  MemcpyBuffers buffers(bytes);
  buffers.copy();  // warm-up: caches and TLB
  std::vector<double> rates;
  for (int b = 0; b < kBatches; ++b) {
    const auto t0 = Clock::now();
    double copied = 0;
    do {
      for (std::size_t i = 0; i < copies_per_check; ++i) buffers.copy();
      copied += static_cast<double>(bytes * copies_per_check);
    } while (Clock::now() - t0 < kBatch);
    rates.push_back(copied / seconds_since(t0));
  }
  // The fastest batch: an upper bound on what a copying transport can reach (see above).
  return *std::max_element(rates.begin(), rates.end());
}

std::optional<std::size_t> mem_available_bytes() {
  // Line by line: some /proc/meminfo lines (HugePages_*) have no unit.
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string key;
    std::size_t kib = 0;
    if (fields >> key >> kib && key == "MemAvailable:") return kib * 1024;
  }
  return std::nullopt;
}

}  // namespace tvp
