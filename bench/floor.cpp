// floor/...: the machine's own limits, measured in every run, so that every report carries the
// physical reference its transports are judged against.
//   floor/cacheline/<model>/<same_core|cross_core>/64  one cache line's round trip between the
//                                                      placement's CPUs (threads, or a fork()ed
//                                                      child through shared memory)
//   floor/cacheline_pair/<model>/<placement>/64        the same with one line per direction: the
//                                                      least any channel with a queue per
//                                                      direction can move (see floor_probe.hpp)
//   floor/memcpy/thread/unpinned/<bytes>               one thread's memcpy bandwidth, in cache and
//                                                      beyond it (bytes_per_second; each byte once)
//   floor/stream/<model>/cross_core/<bytes>            buffers written on one CPU and read (every
//                                                      word checked) on the other, double-buffered:
//                                                      moving data between
//                                                      two caches, the reference for a streaming
//                                                      transport between CPUs (bytes_per_second)
// The timed code is libtvp's CachelinePingPong and MemcpyBuffers, which the start-up self-check
// (floor_probe.hpp) runs too. Real time: the round trip involves a second party.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

#include "batch_state.hpp"
#include "families.hpp"
#include "matrix.hpp"
#include "session.hpp"
#include "spawn_memory.hpp"
#include "sync_harness.hpp"
#include "tvp/floor_probe.hpp"
#include "tvp/stream_floor.hpp"

namespace tvp::bench {
namespace {

constexpr std::size_t kCacheLine = 64;
constexpr std::uint64_t kWarmupRounds = 1024;
// Round trips per ping() call: amortises the call and Google Benchmark's loop over many trips, as
// the probe does.
constexpr std::uint64_t kRoundsPerBatch = 64;

// The throughput family's headline size, and (default run only) one that fits every L2.
const std::vector<std::size_t> kQuickStreamSizes = {1048576};
const std::vector<std::size_t> kDefaultStreamSizes = {65536, 1048576};

// L1, L2, a typical L3, and (default run only) beyond the largest L3s.
const std::vector<std::size_t> kQuickMemcpySizes = {4096, 262144, 1048576, 16777216};
const std::vector<std::size_t> kDefaultMemcpySizes = {4096,     262144,   1048576,
                                                      16777216, 67108864, 1073741824};

template <class State>
void cacheline(State& state, Model model, Placement placement,
               CachelinePingPong::Lines lines) {
  run_trial(state, [&] {
    SharedObject<CachelinePingPong> line(lines);
    run_two_parties({
        .peer_name = "cache-line responder",
        .model = model,
        .placement = placement,
        .abort = [&] { line->abort(); },
        .peer = [&](PeerContext& ctx) { line->serve([&] { ctx.progress(); }); },
        .measure =
            [&] {
              line->ping(kWarmupRounds);
              while (state.KeepRunningBatch(kRoundsPerBatch)) line->ping(kRoundsPerBatch);
              line->stop();
            },
        .check = {},
    });
  });
}

void stream(benchmark::State& state, Model model, std::size_t bytes) {
  run_trial(state, [&] {
    CrossCoreStream buffers(bytes);
    const std::uint64_t warmup = 8;  // both slots written and read several times
    const auto total = warmup + static_cast<std::uint64_t>(state.max_iterations);
    run_two_parties({
        .peer_name = "stream consumer",
        .model = model,
        .placement = Placement::cross_core,
        .abort = [&] { buffers.abort(); },
        .peer = [&](PeerContext& ctx) { buffers.consume(total, [&] { ctx.progress(); }); },
        .measure =
            [&] {
              using clock = std::chrono::steady_clock;
              buffers.produce(warmup);
              buffers.drain();
              std::int64_t left = state.max_iterations;
              // One clock read per buffer (~50 ns against tens of microseconds); the last
              // iteration also waits for the consumer, so every byte counted was read.
              for (auto _ : state) {
                const auto t0 = clock::now();
                buffers.produce(1);
                if (--left == 0) buffers.drain();
                state.SetIterationTime(std::chrono::duration<double>(clock::now() - t0).count());
              }
            },
        .check = {},
    });
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  });
}

template <class State>
void memcpy_bandwidth(State& state, std::size_t bytes) {
  run_trial(state, [&] {
    MemcpyBuffers buffers(bytes);
    buffers.copy();  // warm-up: caches and TLB
    for (auto _ : state) {
      buffers.copy();
      benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  });
}

}  // namespace

void register_floor(const BenchConfig& c) {
  // Not narrowed by c.placements: the floor is the reference for every placement the machine has.
  const bool two_cpus = allowed_cpu_count() >= 2;
  if (!two_cpus)
    std::fprintf(stderr, "tvp-bench: floor/cacheline/*/cross_core not registered: one CPU\n");
  using Lines = CachelinePingPong::Lines;
  for (const auto& [kind, lines] : {std::pair{"cacheline", Lines::one},
                                    std::pair{"cacheline_pair", Lines::per_direction}})
    for (Model m : c.models)
      for (Placement p : {Placement::cross_core, Placement::same_core}) {
        if (p == Placement::cross_core && !two_cpus) continue;
        benchmark::RegisterBenchmark(bench_name("floor", kind, m, p, kCacheLine).c_str(),
                                     cacheline<benchmark::State>, m, p, lines)
            ->UseRealTime();
      }
  if (two_cpus)
    for (Model m : c.models)
      for (std::size_t bytes : c.quick ? kQuickStreamSizes : kDefaultStreamSizes)
        benchmark::RegisterBenchmark(
            bench_name("floor", "stream", m, Placement::cross_core, bytes).c_str(), stream, m,
            bytes)
            ->UseManualTime();
  for (std::size_t bytes : c.quick ? kQuickMemcpySizes : kDefaultMemcpySizes) {
    const std::string name =
        bench_name("floor", "memcpy", Model::thread, Placement::unpinned, bytes);
    if (!fits_in_memory(name, 2 * bytes)) continue;  // source and destination
    benchmark::RegisterBenchmark(name.c_str(), memcpy_bandwidth<benchmark::State>, bytes)->UseRealTime();
  }
}

BatchBody cacheline_pair_batch(Model model) {
  return [model](BatchState& state) {
    cacheline(state, model, Placement::cross_core, CachelinePingPong::Lines::per_direction);
  };
}

BatchBody memcpy_batch(std::size_t bytes) {
  return [bytes](BatchState& state) { memcpy_bandwidth(state, bytes); };
}

}  // namespace tvp::bench
