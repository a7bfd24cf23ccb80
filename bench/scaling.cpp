// scaling/<transport>/<model>/unpinned/<bytes>/pairs:<n>: n sender→receiver pairs at once, each
// with its own channel, all threads or all processes (2n tvp::Peers, none pinned: the scheduler
// places them, with more tasks than CPUs on purpose). Each sender runs ping-pong round trips with
// its receiver; all senders start together once every pair is warm.
//
// One iteration = one round trip in every pair, so Google Benchmark's time per iteration is the
// wall time of the run over the round trips per pair; msgs_per_s is the aggregate round trips per
// second of all pairs. Latency counters (p50_ns ... max_ns) are per round trip, the worst pair's
// value for each percentile; min/max_pair_msgs_per_s show how evenly the CPUs were shared.
//
// Senders report through an anonymous shared mapping (the same code for threads and children);
// their start and end times are steady_clock = CLOCK_MONOTONIC, one clock for every process of the
// machine, so the parent can take the wall time from the first start to the last end.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <chrono>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "families.hpp"
#include "matrix.hpp"
#include "matrix_subset.hpp"
#include "round_trips.hpp"
#include "session.hpp"
#include "tail_latency.hpp"
#include "tvp/echo.hpp"
#include "tvp/histogram.hpp"

namespace tvp::bench {
namespace {

// Waiting at the start line sleeps rather than spins: with more tasks than CPUs, a spinning waiter
// would slow down the pairs still warming up. The start skew this allows is nothing against a run.
constexpr std::chrono::microseconds kStartPoll{50};

struct alignas(64) PairResult {  // one cache line each: senders write theirs concurrently
  TailLatency latency;
  std::int64_t start_ns = 0, end_ns = 0;
};

struct alignas(64) StartLine {
  std::atomic<int> ready{0};   // senders done with their warm-up
  std::atomic<int> go{0};      // set by the parent once all are ready (or one failed)
  std::atomic<int> failed{0};  // set from a watchdog: stop waiting for the others
};
static_assert(std::atomic<int>::is_always_lock_free, "shared between processes");

// The start line and one result per pair, in memory shared with children.
class Board {
 public:
  explicit Board(std::size_t pairs)
      : region_(boost::interprocess::anonymous_shared_memory(sizeof(StartLine) +
                                                             pairs * sizeof(PairResult))),
        line_(new (region_.get_address()) StartLine()) {
    auto* first = reinterpret_cast<PairResult*>(line_ + 1);
    for (std::size_t i = 0; i < pairs; ++i) new (first + i) PairResult();
    results_ = first;
  }
  StartLine& line() noexcept { return *line_; }
  PairResult& result(std::size_t i) noexcept { return results_[i]; }

 private:
  boost::interprocess::mapped_region region_;
  StartLine* line_;
  PairResult* results_;
};

// Sender j: warm up, wait for the start, time `count` round trips, report.
void sender(Endpoint& ep, PeerContext& ctx, Board& board, std::size_t j, std::size_t bytes,
            std::uint64_t warmup, std::uint64_t count) {
  Histogram h;
  for (std::uint64_t seq = 0; seq < warmup; ++seq) {
    send_message(ep, bytes, seq);
    receive_message(ep, bytes, seq);
    ctx.progress();
  }
  board.line().ready.fetch_add(1, std::memory_order_acq_rel);
  while (board.line().go.load(std::memory_order_acquire) == 0) {
    if (ctx.stop_requested()) throw ChannelClosed("scaling: stopped before the start");
    std::this_thread::sleep_for(kStartPoll);
  }
  ctx.mark_measure_start();
  PairResult r;
  r.start_ns = monotonic_ns();
  std::int64_t t0 = r.start_ns;
  for (std::uint64_t i = 0; i < count; ++i) {
    send_message(ep, bytes, warmup + i);
    receive_message(ep, bytes, warmup + i);
    const std::int64_t t1 = monotonic_ns();
    h.record(static_cast<std::uint64_t>(t1 - t0));
    t0 = t1;
    ctx.progress();
  }
  r.end_ns = t0;
  r.latency = tail_of(h);
  board.result(j) = r;
}

// n channels and 2n peers. In the process model every child keeps only its own endpoint (so a dead
// peer reads as end-of-file) and the parent lets go of each end once its child has it.
class PairsTrial {
 public:
  PairsTrial(const Cell& cell, std::size_t pairs, std::uint64_t warmup, std::uint64_t count)
      : board_(pairs) {
    const ChannelOptions o{.max_message_bytes = cell.bytes, .window = 1, .model = cell.model};
    for (std::size_t j = 0; j < pairs; ++j) channels_.push_back(cell.transport->make(o));
    const std::string t(cell.transport->name);
    for (std::size_t j = 0; j < pairs; ++j) {
      Endpoint& b = channels_[j]->b();
      start(cell, t + " receiver " + std::to_string(j), b,
            [&b, bytes = cell.bytes, warmup, count](PeerContext& ctx) {
              serve_echo(b, ctx, bytes, warmup);
              ctx.mark_measure_start();
              serve_echo(b, ctx, bytes, count, warmup);
            });
      Endpoint& a = channels_[j]->a();
      start(cell, t + " sender " + std::to_string(j), a,
            [&a, board = &board_, j, bytes = cell.bytes, warmup, count](PeerContext& ctx) {
              sender(a, ctx, *board, j, bytes, warmup, count);
            });
    }
  }

  // Releases the senders once all are warm (or one has failed). Returns at once.
  void start_all() {
    StartLine& l = board_.line();
    while (l.ready.load(std::memory_order_acquire) < static_cast<int>(channels_.size()) &&
           l.failed.load(std::memory_order_acquire) == 0)
      std::this_thread::sleep_for(kStartPoll);
    l.go.store(1, std::memory_order_release);
  }

  // Joins every peer (the first failure is thrown after all are joined) and sums their usage.
  Usage finish() {
    Usage sum;
    std::exception_ptr first_error;
    for (auto& p : peers_) {
      try {
        p->join();
        sum = sum + p->usage();
      } catch (const std::exception&) {
        if (!first_error) first_error = std::current_exception();
      }
    }
    if (first_error) std::rethrow_exception(first_error);
    return sum;
  }

  const PairResult& result(std::size_t j) { return board_.result(j); }

 private:
  void start(const Cell& cell, std::string name, Endpoint& mine, Peer::Body body) {
    PeerOptions o;
    o.name = std::move(name);
    o.model = cell.model;
    o.on_failure = [this] {
      board_.line().failed.store(1, std::memory_order_release);
      for (auto& ch : channels_) ch->abort();
    };
    o.in_child = [this, &mine] {
      for (auto& ch : channels_)
        for (Endpoint* e : {&ch->a(), &ch->b()})
          if (e != &mine) e->detach();
    };
    o.in_parent = [&mine] { mine.detach(); };
    peers_.push_back(std::make_unique<Peer>(std::move(o), std::move(body)));
  }

  Board board_;
  std::vector<std::unique_ptr<Channel>> channels_;
  std::vector<std::unique_ptr<Peer>> peers_;  // after channels_: destroyed (stopped) first
};

void scaling(benchmark::State& state, const Cell& cell, std::size_t pairs) {
  run_trial(state, [&] {
    const std::uint64_t warmup = warmup_round_trips(cell.bytes);
    const auto n = static_cast<std::uint64_t>(state.max_iterations);
    PairsTrial trial(cell, pairs, warmup, n);
    trial.start_all();
    const Usage all = trial.finish();
    std::int64_t first = INT64_MAX, last = 0;
    TailLatency worst;
    double slowest = 1e300, fastest = 0;
    for (std::size_t j = 0; j < pairs; ++j) {
      const PairResult& r = trial.result(j);
      first = std::min(first, r.start_ns);
      last = std::max(last, r.end_ns);
      worst = worst_of(worst, r.latency);
      const double rate = static_cast<double>(n) * 1e9 /
                          static_cast<double>(std::max<std::int64_t>(r.end_ns - r.start_ns, 1));
      slowest = std::min(slowest, rate);
      fastest = std::max(fastest, rate);
    }
    const double wall = static_cast<double>(std::max<std::int64_t>(last - first, 1)) * 1e-9;
    for (auto _ : state) state.SetIterationTime(wall / static_cast<double>(n));
    set_tail_counters(state.counters, worst);
    const std::uint64_t messages = n * pairs;
    auto& c = state.counters;
    c["msgs_per_s"] =
        benchmark::Counter(static_cast<double>(messages), benchmark::Counter::kIsRate);
    c["pairs"] = static_cast<double>(pairs);
    c["min_pair_msgs_per_s"] = slowest;
    c["max_pair_msgs_per_s"] = fastest;
    set_usage_counters(state, all, messages);
  });
}

}  // namespace

void register_scaling(const BenchConfig& c) {
  const std::vector<std::size_t> pair_counts =
      c.quick ? std::vector<std::size_t>{1, 4} : std::vector<std::size_t>{1, 2, 4, 8};
  for (const Cell& cell : cells_at(representatives_if_quick(c), Placement::unpinned, {64}))
    for (std::size_t pairs : pair_counts) {
      const std::string name = cell.name("scaling") + "/pairs:" + std::to_string(pairs);
      benchmark::RegisterBenchmark(name.c_str(), scaling, cell, pairs)->UseManualTime();
    }
}

}  // namespace tvp::bench
