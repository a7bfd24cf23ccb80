// ownership/<variant>/thread/cross_core/<bytes>: what each part of a std::shared_ptr handoff costs.
// One round trip per iteration: the sender makes a `bytes`-byte object, writes it (canonical
// payload), hands it through an SPSC queue to a thread on the other CPU, which reads and checks it
// and answers through a second queue with the sequence number. Neighbouring variants differ in one
// thing only:
//   raw_ptr            new[] on the sender, delete[] on the receiver (the baseline)
//   unique_ptr         the same object owned by a std::unique_ptr (what RAII adds)
//   make_shared        a shared_ptr, control block in the same allocation, moved: the count stays 1
//   shared_ptr_new     shared_ptr(new[]): a second allocation for a separate control block
//   receiver_frees     make_shared, but the sender keeps a reference while it hands over a copy
//                      (the count moves between CPUs); the receiver drops last and frees the
//                      object on another thread than the one that allocated it
//   sender_frees       the same, but the sender drops last: freed on the allocating thread
//   refcount_pingpong  sender_frees without allocating: one long-lived object, only the count moves
#include <benchmark/benchmark.h>

#include <memory>
#include <span>
#include <string>

#include "families.hpp"
#include "handoff_trial.hpp"
#include "matrix.hpp"
#include "matrix_subset.hpp"
#include "round_trips.hpp"
#include "tail_latency.hpp"
#include "tvp/payload.hpp"

namespace tvp::bench {
namespace {

void check_body(const std::byte* p, std::size_t n, std::uint64_t seq) {
  const std::span<const std::byte> body(p, n);
  if (!payload_ok(body, seq, n)) verify_payload(body, seq, n);  // throws with the detail
}

std::byte* written(std::byte* p, std::size_t n, std::uint64_t seq) {
  fill_payload({p, n}, seq);
  return p;
}

using SharedBytes = std::shared_ptr<const std::byte[]>;

// Each variant: Ptr (what travels), send(seq, n) on the sender (returns what to push), acked() on
// the sender after the answer, received(ptr, seq, n) on the receiver. The size is passed in rather
// than stored, and sender-side and receiver-side state live on separate cache lines, so the two
// threads share nothing but the queues and the object.
struct RawPtr {
  using Ptr = std::byte*;
  Ptr send(std::uint64_t seq, std::size_t n) { return written(new std::byte[n], n, seq); }
  void acked() {}
  void received(Ptr p, std::uint64_t seq, std::size_t n) {
    check_body(p, n, seq);
    delete[] p;
  }
};

struct UniquePtr {
  using Ptr = std::unique_ptr<std::byte[]>;
  Ptr send(std::uint64_t seq, std::size_t n) {
    Ptr p = std::make_unique_for_overwrite<std::byte[]>(n);
    written(p.get(), n, seq);
    return p;
  }
  void acked() {}
  void received(Ptr p, std::uint64_t seq, std::size_t n) { check_body(p.get(), n, seq); }
};

// Fused: make_shared (one allocation); otherwise shared_ptr(new[]) (object + control block).
template <bool Fused>
struct SharedMoved {
  using Ptr = SharedBytes;
  Ptr send(std::uint64_t seq, std::size_t n) {
    std::shared_ptr<std::byte[]> p = Fused ? std::make_shared_for_overwrite<std::byte[]>(n)
                                           : std::shared_ptr<std::byte[]>(new std::byte[n]);
    written(p.get(), n, seq);
    return p;  // converting move: no count change
  }
  void acked() {}
  void received(Ptr p, std::uint64_t seq, std::size_t n) { check_body(p.get(), n, seq); }
};

// The sender keeps its reference until the answer arrives. ReceiverLast: the receiver holds each
// object until the next one arrives, by which time the sender has dropped it, so the receiver's
// decrement is the last; otherwise the receiver drops at once and the sender's is the last.
template <bool ReceiverLast>
struct SharedRetained {
  using Ptr = SharedBytes;
  std::shared_ptr<std::byte[]> kept;  // sender
  alignas(64) Ptr held;               // receiver
  Ptr send(std::uint64_t seq, std::size_t n) {
    kept = std::make_shared_for_overwrite<std::byte[]>(n);
    written(kept.get(), n, seq);
    return kept;  // a copy: the count becomes 2 on the sender's CPU
  }
  void acked() { kept.reset(); }
  void received(Ptr p, std::uint64_t seq, std::size_t n) {
    if (ReceiverLast) held.reset();
    check_body(p.get(), n, seq);
    if (ReceiverLast) held = std::move(p);
  }
};

// sender_frees without the allocation: the same object every time, rewritten by the sender once
// the receiver has dropped its copy (the answer says so).
struct RefcountPingpong {
  using Ptr = SharedBytes;
  std::shared_ptr<std::byte[]> kept;
  Ptr send(std::uint64_t seq, std::size_t n) {
    if (!kept) kept = std::make_shared_for_overwrite<std::byte[]>(n);  // first warm-up message
    written(kept.get(), n, seq);
    return kept;
  }
  void acked() {}
  void received(Ptr p, std::uint64_t seq, std::size_t n) { check_body(p.get(), n, seq); }
};

template <class Variant>
void ownership(benchmark::State& state, const std::string& name, std::size_t bytes) {
  run_trial(state, [&] {
    Variant v;
    HandoffTrial<typename Variant::Ptr, std::uint64_t> trial(
        name, Placement::cross_core, warmup_round_trips(bytes),
        static_cast<std::uint64_t>(state.max_iterations), [&v, &trial, bytes](std::uint64_t seq) {
          v.received(trial.forward.pop(), seq, bytes);
          trial.backward.push(std::uint64_t{seq});
        });
    RoundTripTimes times;
    const Usage both = trial.run(state, times, [&](std::uint64_t seq) {
      trial.forward.push(v.send(seq, bytes));
      if (const std::uint64_t answer = trial.backward.pop(); answer != seq)
        throw VerifyError(name + ": answer " + std::to_string(answer) + " to object " +
                          std::to_string(seq));
      v.acked();
    });
    report_tail_round_trips(state.counters, times, both);
  });
}

template <class Variant>
void add(std::string_view variant, std::size_t bytes) {
  const std::string name =
      bench_name("ownership", variant, Model::thread, Placement::cross_core, bytes);
  benchmark::RegisterBenchmark(name.c_str(), [name, bytes](benchmark::State& s) {
    ownership<Variant>(s, name, bytes);
  })->UseManualTime();
}

}  // namespace

void register_ownership(const BenchConfig& c) {
  // The family is about cache lines moving between cores: nothing to show on one CPU.
  if (!has_placement(c, Placement::cross_core)) return;
  const std::vector<std::size_t> sizes =
      c.quick ? std::vector<std::size_t>{64} : std::vector<std::size_t>{64, 65536};
  for (std::size_t bytes : sizes) {
    add<RawPtr>("raw_ptr", bytes);
    add<UniquePtr>("unique_ptr", bytes);
    add<SharedMoved<true>>("make_shared", bytes);
    add<SharedMoved<false>>("shared_ptr_new", bytes);
    add<SharedRetained<true>>("receiver_frees", bytes);
    add<SharedRetained<false>>("sender_frees", bytes);
    add<RefcountPingpong>("refcount_pingpong", bytes);
  }
}

}  // namespace tvp::bench
