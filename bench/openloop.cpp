// openloop/<transport>/<model>/<placement>/<bytes>/rate_pct:<p>: one-way latency under a fixed
// offered load. The sender keeps a schedule — message i is due at start + i * interval, with the
// interval set to p% of the transport's measured one-way capacity — whatever the receiver does: it
// never skips a slot and, when late (blocked by a full buffer, preempted), sends at once. The
// receiver measures each message's latency from its *due* time, not from when it actually left, so
// a stall shows up in every message it delayed instead of being hidden (coordinated omission).
//
// Clocks: the receiver subtracts the sender's due time from its own arrival time. Both read
// std::chrono::steady_clock, which on Linux is CLOCK_MONOTONIC: one system-wide clock, the same in
// every process of the machine, so the difference is valid between processes as well as threads.
//
// Google Benchmark's time per iteration is the sender's mean interval between sends (1 / the rate
// it achieved); the latencies are the counters p50_ns ... max_ns.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <map>
#include <string>
#include <thread>

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

// Sent once, after the warm-up: when message i of the timed phase is due.
struct Schedule {
  std::int64_t start_ns;
  std::int64_t interval_ns;  // 0: back to back (the capacity calibration)
};

// Sent back by the receiver at the end.
struct ReceiverReport {
  TailLatency latency;  // from each message's due time to its arrival
  std::uint64_t count;
  std::int64_t first_arrival_ns, last_arrival_ns;
};

template <class T>
void send_value(Endpoint& ep, const T& v) {
  std::memcpy(ep.prepare(sizeof v).data(), &v, sizeof v);
  ep.send();
}

template <class T>
T receive_value(Endpoint& ep, const char* what) {
  const auto msg = ep.receive();
  T v{};
  const bool ok = msg.size() == sizeof v;
  if (ok) std::memcpy(&v, msg.data(), sizeof v);
  ep.release();
  if (!ok)
    throw VerifyError(std::string("openloop: expected the ") + what + " (" +
                      std::to_string(sizeof v) + " bytes), got " + std::to_string(msg.size()) +
                      " bytes");
  return v;
}

// Messages in flight the channel must absorb without blocking the sender: an open loop builds a
// queue whenever the receiver falls behind, and the transport's buffer is where it waits.
std::size_t window_for(std::size_t bytes) {
  return std::clamp<std::size_t>((std::size_t{1} << 20) / bytes, 2, 64);
}

// Peer: verifies the warm-up, then times `count` scheduled messages and reports.
void receive_scheduled(Endpoint& ep, PeerContext& ctx, std::size_t bytes, std::uint64_t warmup,
                       std::uint64_t count) {
  Histogram h;  // allocated and touched before anything is timed
  for (std::uint64_t seq = 0; seq < warmup; ++seq) {
    receive_message(ep, bytes, seq);
    ctx.progress();
  }
  const auto s = receive_value<Schedule>(ep, "schedule");
  ctx.mark_measure_start();
  ReceiverReport r{};
  r.count = count;
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto msg = ep.receive();
    const std::int64_t arrival = monotonic_ns();
    const std::uint64_t seq = warmup + i;
    if (!payload_ok(msg, seq, bytes)) verify_payload(msg, seq, bytes);
    ep.release();
    const std::int64_t due = s.start_ns + static_cast<std::int64_t>(i) * s.interval_ns;
    h.record(static_cast<std::uint64_t>(std::max<std::int64_t>(arrival - due, 0)));
    if (i == 0) r.first_arrival_ns = arrival;
    r.last_arrival_ns = arrival;
    ctx.progress();
  }
  r.latency = tail_of(h);
  send_value(ep, r);
}

// Waits until `due` and returns the time it saw then (at or after `due`). Sleeps while the wait is
// long enough for a timer, then spins; on a CPU shared with the receiver the spin yields.
std::int64_t wait_until(std::int64_t due, bool shared_cpu) {
  constexpr std::int64_t kSleepAbove = 200'000, kWakeEarly = 100'000;  // timer slack on a VM
  for (;;) {
    const std::int64_t t = monotonic_ns();
    if (t >= due) return t;
    if (due - t > kSleepAbove)
      std::this_thread::sleep_for(std::chrono::nanoseconds(due - t - kWakeEarly));
    else if (shared_cpu)
      std::this_thread::yield();
  }
}

// The sender's side of one trial: the warm-up back to back, the schedule, then send(i) for each
// timed message in order, and the receiver's report.
class ScheduledSender {
 public:
  ScheduledSender(Endpoint& ep, const Cell& cell, std::uint64_t warmup, std::int64_t interval_ns)
      : ep_(ep),
        bytes_(cell.bytes),
        warmup_(warmup),
        shared_cpu_(cell.placement != Placement::cross_core) {
    for (std::uint64_t seq = 0; seq < warmup; ++seq) send_message(ep, bytes_, seq);
    // The first slot a little ahead, so it is not late before it starts.
    schedule_ = {monotonic_ns() + 50'000, interval_ns};
    send_value(ep, schedule_);
  }
  const Schedule& schedule() const { return schedule_; }

  // Sends message i at its due time (or at once if late); returns when it started sending.
  std::int64_t send(std::uint64_t i) {
    const std::int64_t due =
        schedule_.start_ns + static_cast<std::int64_t>(i) * schedule_.interval_ns;
    const std::int64_t t = wait_until(due, shared_cpu_);
    // "Behind" = more than one interval (at least 2 us, the clock's noise here) after its slot.
    if (t - due > std::max<std::int64_t>(schedule_.interval_ns, 2'000)) ++behind_;
    send_message(ep_, bytes_, warmup_ + i);
    return t;
  }
  std::uint64_t behind() const { return behind_; }

  ReceiverReport finish(std::uint64_t count) {
    const auto r = receive_value<ReceiverReport>(ep_, "receiver's report");
    if (r.count != count)
      throw VerifyError("openloop: the receiver timed " + std::to_string(r.count) +
                        " messages of " + std::to_string(count));
    return r;
  }

 private:
  Endpoint& ep_;
  std::size_t bytes_;
  std::uint64_t warmup_;
  bool shared_cpu_;
  Schedule schedule_{};
  std::uint64_t behind_ = 0;
};

ChannelOptions options_for(const Cell& cell) {
  return {.max_message_bytes = std::max(cell.bytes, sizeof(ReceiverReport)),
          .window = window_for(cell.bytes),
          .model = cell.model};
}

// Messages per second between the first and the last arrival.
double delivery_rate(const ReceiverReport& r) {
  const double span = static_cast<double>(r.last_arrival_ns - r.first_arrival_ns) * 1e-9;
  return r.count >= 2 && span > 0 ? static_cast<double>(r.count - 1) / span : 0;
}

// The delivery rate of one back-to-back burst through the same sender and receiver code.
double burst_rate(const Cell& cell) {
  const std::uint64_t warmup = warmup_round_trips(cell.bytes);
  const std::uint64_t count =
      std::clamp<std::uint64_t>((std::uint64_t{64} << 20) / cell.bytes, 1000, 20000);
  ChannelTrial trial(cell, options_for(cell), "calibration receiver",
                     [=](Endpoint& ep, PeerContext& ctx) {
                       receive_scheduled(ep, ctx, cell.bytes, warmup, count);
                     });
  ReceiverReport r{};
  trial.drive([&] {
    ScheduledSender s(trial.initiator(), cell, warmup, 0);
    for (std::uint64_t i = 0; i < count; ++i) s.send(i);
    r = s.finish(count);
  });
  trial.finish();
  return delivery_rate(r);
}

// One-way capacity of a cell: the median of three bursts (one burst can land in a lucky or an
// unlucky moment of a shared machine), measured once per transport x model x placement x size and
// shared by its rates and repetitions, so they all offer the same load.
double capacity(const Cell& cell) {
  static std::map<std::string, double> measured;
  const std::string key = cell.name("openloop");
  if (auto it = measured.find(key); it != measured.end()) return it->second;
  std::array<double, 3> rates{};
  for (double& r : rates) r = burst_rate(cell);
  std::sort(rates.begin(), rates.end());
  if (!(rates[1] > 0)) throw std::runtime_error(key + ": capacity calibration measured no rate");
  return measured[key] = rates[1];
}

void openloop(benchmark::State& state, const Cell& cell, int rate_pct) {
  run_trial(state, [&] {
    const double cap = capacity(cell);
    const double offered = cap * rate_pct / 100.0;
    const auto interval = static_cast<std::int64_t>(1e9 / offered);
    const std::uint64_t warmup = warmup_round_trips(cell.bytes);
    const auto n = static_cast<std::uint64_t>(state.max_iterations);
    ChannelTrial trial(
        cell, options_for(cell), "scheduled receiver",
        [=](Endpoint& ep, PeerContext& ctx) { receive_scheduled(ep, ctx, cell.bytes, warmup, n); });
    ReceiverReport r{};
    std::uint64_t behind = 0;
    Usage mine;
    trial.drive([&] {
      ScheduledSender s(trial.initiator(), cell, warmup, interval);
      const Usage start = thread_usage_now();
      std::int64_t previous = s.schedule().start_ns;
      std::uint64_t i = 0;
      for (auto _ : state) {
        const std::int64_t t = s.send(i++);
        state.SetIterationTime(static_cast<double>(std::max<std::int64_t>(t - previous, 0)) * 1e-9);
        previous = t;
      }
      mine = thread_usage_now() - start;
      behind = s.behind();
      r = s.finish(n);
    });
    const Usage both = mine + trial.finish();
    set_tail_counters(state.counters, r.latency);
    auto& c = state.counters;
    c["rate_pct"] = rate_pct;
    c["capacity_msgs_per_s"] = cap;
    c["offered_rate"] = offered;
    c["achieved_rate"] = delivery_rate(r);
    c["behind_pct"] = 100.0 * static_cast<double>(behind) / static_cast<double>(n);
    set_usage_counters(state, both, n);
  });
}

}  // namespace

void register_openloop(const BenchConfig& c) {
  // One placement: a CPU each when the machine has two, so the schedule is the only pressure.
  if (c.placements.empty()) return;
  const Placement p =
      has_placement(c, Placement::cross_core) ? Placement::cross_core : c.placements.front();
  const std::vector<std::size_t> sizes =
      c.quick ? std::vector<std::size_t>{64} : std::vector<std::size_t>{64, 65536};
  const std::vector<int> rates = c.quick ? std::vector<int>{50} : std::vector<int>{10, 50, 90};
  for (const Cell& cell : cells_at(representatives_if_quick(c), p, sizes))
    for (int rate : rates) {
      const std::string name = cell.name("openloop") + "/rate_pct:" + std::to_string(rate);
      benchmark::RegisterBenchmark(name.c_str(), openloop, cell, rate)->UseManualTime();
    }
}

}  // namespace tvp::bench
