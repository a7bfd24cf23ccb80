// sync/...: the primitives threads use instead of IPC, and their process-shared counterparts. The
// model picks the primitive (Sync policy: std::mutex / std::condition_variable for threads,
// process-shared pthread objects for processes) and the peer (tvp::Peer thread or child); the
// measuring code is one template for both, and the state always lives in anonymous shared memory.
//   sync/mutex_uncontended/<model>/unpinned/0       lock + increment + unlock, one thread
//   sync/mutex_contended/<model>/cross_core/0       the same while the peer does it too
//   sync/atomic_shared_line/<model>/cross_core/0    fetch_add on our counter; the peer's counter is
//                                                   on the same cache line (false sharing)
//   sync/atomic_padded/<model>/cross_core/0         the same with the counters 128 bytes apart
//   sync/condvar_wakeup/<model>/<placement>/0       one iteration = wake the peer, be woken back
//                                                   (two wake-ups, each carrying a sequence number)
// Contended cases report peer_ops_per_iter: the peer's operations during the timed loop per
// iteration of ours (near 0 means the peer hardly ran, so there was little contention).
// Real time throughout.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "families.hpp"
#include "matrix.hpp"
#include "session.hpp"
#include "sync_harness.hpp"
#include "sync_pshared.hpp"
#include "tvp/error.hpp"

namespace tvp::bench {
namespace {

struct ThreadSync {
  static constexpr Model model = Model::thread;
  using Mutex = std::mutex;
  using CondVar = std::condition_variable;
};
struct ProcessSync {
  static constexpr Model model = Model::process;
  using Mutex = ProcessSharedMutex;
  using CondVar = ProcessSharedCondVar;
};

constexpr std::uint64_t kWarmupOps = 1000;
constexpr std::uint64_t kProgressMask = 1023;  // a watchdog heartbeat every 1024 operations
// 128, not 64: Intel's adjacent-line prefetcher pulls cache lines in pairs, so 64-byte neighbours
// can still interfere.
constexpr std::size_t kPad = 128;

// Flags of the contended cases, each on its own line so that polling them never disturbs the
// measured line.
struct Control {
  alignas(kPad) std::atomic<bool> stop{false};  // set by the measuring side when it is done
  alignas(kPad) std::atomic<bool> aborted{false};
  alignas(kPad) std::atomic<bool> peer_running{false};
  alignas(kPad) std::atomic<std::uint64_t> peer_ops{0};  // the peer's count, stored at its end

  void abort() noexcept {
    aborted.store(true, std::memory_order_relaxed);
    stop.store(true, std::memory_order_release);
  }
};

// The peer of a contended case: `op` until told to stop, then report how many it did.
template <class Op>
void contend_until_stopped(Control& c, PeerContext& ctx, Op op) {
  std::uint64_t n = 0;
  while (!c.stop.load(std::memory_order_relaxed)) {
    op();
    if (++n == 1) c.peer_running.store(true, std::memory_order_release);
    if ((n & kProgressMask) == 0) ctx.progress();
  }
  c.peer_ops.store(n, std::memory_order_release);
}

// So the timed loop is contended from its first iteration.
void wait_until_peer_runs(const Control& c) {
  while (!c.peer_running.load(std::memory_order_acquire)) {
    if (c.aborted.load(std::memory_order_relaxed))
      throw ChannelClosed("the peer stopped before its first operation");
    std::this_thread::yield();
  }
}

void expect_equal(std::uint64_t got, std::uint64_t expected, const std::string& what) {
  if (got != expected)
    throw VerifyError(what + " is " + std::to_string(got) + ", expected " +
                      std::to_string(expected));
}

std::uint64_t ops_done(const benchmark::State& state) {
  return kWarmupOps + static_cast<std::uint64_t>(state.iterations());
}

struct Party {
  const char* peer_name;
  Model model;
  Placement placement;
};

// A contended case: we time `ours` while the peer repeats `peers`. `peer_count()` reads how many
// the peer has done so far (for peer_ops_per_iter); `check` verifies the end state after the join.
// Templates, not std::function: an indirect call would be a visible part of a 5 ns operation.
template <class Ours, class Peers, class PeerCount>
void run_contended(benchmark::State& state, Control& c, Party who, Ours ours, Peers peers,
                   PeerCount peer_count, std::function<void()> check) {
  run_two_parties({
      .peer_name = who.peer_name,
      .model = who.model,
      .placement = who.placement,
      .abort = [&] { c.abort(); },
      .peer = [&](PeerContext& ctx) { contend_until_stopped(c, ctx, peers); },
      .measure =
          [&] {
            wait_until_peer_runs(c);
            for (std::uint64_t i = 0; i < kWarmupOps; ++i) ours();
            const std::uint64_t before = peer_count();
            for (auto _ : state) ours();
            state.counters["peer_ops_per_iter"] =
                static_cast<double>(peer_count() - before) /
                static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
            c.stop.store(true, std::memory_order_release);
          },
      .check = std::move(check),
  });
}

// ---- mutex ----------------------------------------------------------------------------------

template <class Sync>
struct MutexBlock {
  typename Sync::Mutex m;
  std::uint64_t total = 0;    // guarded by m: both parties' increments
  std::uint64_t by_peer = 0;  // guarded by m
  Control c;

  void increment() {
    std::lock_guard<typename Sync::Mutex> l(m);
    ++total;
  }
  void increment_as_peer() {
    std::lock_guard<typename Sync::Mutex> l(m);
    ++total;
    ++by_peer;
  }
  std::uint64_t peer_count() {
    std::lock_guard<typename Sync::Mutex> l(m);
    return by_peer;
  }
};

template <class Sync>
void mutex_uncontended(benchmark::State& state) {
  run_trial(state, [&] {
    // glibc locks a private mutex without an atomic instruction while the process has never had a
    // second thread; a mutex threads share is never in that state, so make sure we are not either.
    std::thread([] {}).join();
    SharedObject<MutexBlock<Sync>> b;
    for (std::uint64_t i = 0; i < kWarmupOps; ++i) b->increment();
    for (auto _ : state) b->increment();
    expect_equal(b->total, ops_done(state), "the counter");
  });
}

template <class Sync>
void mutex_contended(benchmark::State& state, Placement placement) {
  run_trial(state, [&] {
    SharedObject<MutexBlock<Sync>> b;
    run_contended(
        state, b->c, {"mutex contender", Sync::model, placement}, [&] { b->increment(); },
        [&] { b->increment_as_peer(); }, [&] { return b->peer_count(); },
        [&] {
          // Lost updates would mean the lock did not exclude the other party.
          expect_equal(b->by_peer, b->c.peer_ops.load(), "the peer's locked count");
          expect_equal(b->total, ops_done(state) + b->by_peer, "the shared counter");
        });
  });
}

// ---- atomics --------------------------------------------------------------------------------

// Two counters 8 bytes apart: one cache line that both writers keep stealing from each other.
struct SharedLineCounters {
  alignas(64) std::atomic<std::uint64_t> ours{0};
  std::atomic<std::uint64_t> peers{0};
};
// The same counters on lines of their own: no sharing, each write stays in its writer's cache.
struct PaddedCounters {
  alignas(kPad) std::atomic<std::uint64_t> ours{0};
  alignas(kPad) std::atomic<std::uint64_t> peers{0};
};
static_assert(sizeof(SharedLineCounters) == 64, "both counters must share one cache line");
static_assert(sizeof(PaddedCounters) == 2 * kPad, "each counter must have its own lines");

template <class Counters>
struct AtomicBlock {
  Counters n;
  Control c;
};

template <class Counters, class Sync>
void atomic_increment(benchmark::State& state, Placement placement) {
  run_trial(state, [&] {
    SharedObject<AtomicBlock<Counters>> b;
    // relaxed: only each increment's atomicity matters, nothing is published through it.
    run_contended(
        state, b->c, {"atomic incrementer", Sync::model, placement},
        [&] { b->n.ours.fetch_add(1, std::memory_order_relaxed); },
        [&] { b->n.peers.fetch_add(1, std::memory_order_relaxed); },
        [&] { return b->n.peers.load(std::memory_order_relaxed); },
        [&] {
          expect_equal(b->n.ours.load(), ops_done(state), "our counter");
          expect_equal(b->n.peers.load(), b->c.peer_ops.load(), "the peer's counter");
        });
  });
}

// ---- condition variable wake-up -------------------------------------------------------------

template <class Sync>
struct WakeupBlock {
  typename Sync::Mutex m;
  typename Sync::CondVar to_peer;
  typename Sync::CondVar to_main;
  // Guarded by m.
  std::uint64_t seq = 0;  // the last wake-up we sent
  std::uint64_t ack = 0;  // the last one the peer answered
  bool stop = false;
  bool aborted = false;

  using Lock = std::unique_lock<typename Sync::Mutex>;

  void abort() noexcept {
    try {
      Lock l(m);
      aborted = true;
    } catch (const std::exception&) {
      // Cannot lock (a system error): the waiters' predicates will not see it, the watchdog's
      // kill or stall report still ends the benchmark.
    }
    to_peer.notify_all();
    to_main.notify_all();
  }

  // The peer: answers each wake-up with its sequence number, which must be the next one.
  void answer(PeerContext& ctx) {
    for (std::uint64_t expected = 1;; ++expected) {
      {
        Lock l(m);
        to_peer.wait(l, [&] { return seq != ack || stop || aborted; });
        if (aborted) throw ChannelClosed("condvar wake-up aborted");
        if (stop) return;
        if (seq != expected)
          throw VerifyError("condvar wake-up: received sequence " + std::to_string(seq) +
                            ", expected " + std::to_string(expected));
        ack = seq;
      }
      // Notify after unlocking, so the woken side does not wake only to block on our mutex.
      to_main.notify_one();
      if ((expected & kProgressMask) == 0) ctx.progress();
    }
  }

  // Us: wake the peer with `k`, sleep until it answers `k`.
  void round_trip(std::uint64_t k) {
    {
      Lock l(m);
      seq = k;
    }
    to_peer.notify_one();
    Lock l(m);
    to_main.wait(l, [&] { return ack != k - 1 || aborted; });
    if (aborted) throw ChannelClosed("condvar wake-up aborted");
    if (ack != k)
      throw VerifyError("condvar wake-up: answer " + std::to_string(ack) + ", expected " +
                        std::to_string(k));
  }

  void stop_peer() {
    {
      Lock l(m);
      stop = true;
    }
    to_peer.notify_one();
  }
};

template <class Sync>
void condvar_wakeup(benchmark::State& state, Placement placement) {
  run_trial(state, [&] {
    SharedObject<WakeupBlock<Sync>> b;
    std::uint64_t sent = 0;
    run_two_parties({
        .peer_name = "condvar waker",
        .model = Sync::model,
        .placement = placement,
        .abort = [&] { b->abort(); },
        .peer = [&](PeerContext& ctx) { b->answer(ctx); },
        .measure =
            [&] {
              for (std::uint64_t i = 0; i < kWarmupOps; ++i) b->round_trip(++sent);
              for (auto _ : state) b->round_trip(++sent);
              b->stop_peer();
            },
        .check = [&] { expect_equal(b->ack, sent, "the last answered wake-up"); },
    });
  });
}

// ---- registration ---------------------------------------------------------------------------

bool has(const std::vector<Model>& models, Model m) {
  return std::find(models.begin(), models.end(), m) != models.end();
}

// Registers the thread and the process variant of one case (as c.models allows) next to each other.
template <class ThreadFn, class ProcessFn, class... Args>
void register_both(const BenchConfig& c, const char* what, Placement p, ThreadFn thread_fn,
                   ProcessFn process_fn, Args... args) {
  auto one = [&](auto fn, Model m) {
    if (!has(c.models, m)) return;
    benchmark::RegisterBenchmark(bench_name("sync", what, m, p, 0).c_str(), fn, args...)
        ->UseRealTime();
  };
  one(thread_fn, Model::thread);
  one(process_fn, Model::process);
}

}  // namespace

void register_sync(const BenchConfig& c) {
  // The placements are fixed per case (contention needs two CPUs), so c.placements does not
  // narrow this family; the machine does.
  const bool two_cpus = allowed_cpu_count() >= 2;
  if (!two_cpus) std::fprintf(stderr, "tvp-bench: sync/*/cross_core not registered: one CPU\n");
  const Placement cross = Placement::cross_core;
  register_both(c, "mutex_uncontended", Placement::unpinned, mutex_uncontended<ThreadSync>,
                mutex_uncontended<ProcessSync>);
  if (two_cpus) {
    register_both(c, "mutex_contended", cross, mutex_contended<ThreadSync>,
                  mutex_contended<ProcessSync>, cross);
    register_both(c, "atomic_shared_line", cross, atomic_increment<SharedLineCounters, ThreadSync>,
                  atomic_increment<SharedLineCounters, ProcessSync>, cross);
    register_both(c, "atomic_padded", cross, atomic_increment<PaddedCounters, ThreadSync>,
                  atomic_increment<PaddedCounters, ProcessSync>, cross);
  }
  for (Placement p : {Placement::same_core, cross})
    if (p != cross || two_cpus)
      register_both(c, "condvar_wakeup", p, condvar_wakeup<ThreadSync>, condvar_wakeup<ProcessSync>,
                    p);
}

}  // namespace tvp::bench
