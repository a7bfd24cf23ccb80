// The machine's own limits, the physical reference every transport is judged against: how long one
// cache line takes to travel to another CPU and back, and how fast one thread copies memory.
//
// tvp-bench's floor family times CachelinePingPong and MemcpyBuffers with Google Benchmark; the
// probes at the bottom run the very same code for a quick start-up self-check (a few ms each).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "tvp/sync/abort_flag.hpp"

namespace tvp {

// One cache line bounced between an initiator and a responder (Lines::one: the ping and its answer
// share the line), or a pair of lines, one per direction (Lines::per_direction: the initiator writes
// the ping line and waits on the answer line, the responder the other way round). It holds only
// lock-free atomics, so it works in ordinary memory between threads and in MAP_SHARED memory between
// a parent and a fork()ed child. Waits spin briefly, then yield: both parties may share one CPU.
//
// Why two shapes: the single line is the machine's hardware minimum for a round trip, but a channel
// with a queue per direction can never use it — its ping and its answer live on different lines, and
// a line that is only ever written by one side and read by the other costs more per hop than one
// that migrates with the conversation (measured on the reference VM: ~140 ns single, ~300 ns pair).
// The pair is the floor of any duplex channel, so transports are judged against both.
//
//   initiator: ping(n) ... ping(n); stop();         responder: serve(progress);
class CachelinePingPong {
 public:
  enum class Lines { one, per_direction };
  explicit CachelinePingPong(Lines lines = Lines::one) noexcept : lines_(lines) {}

  // Initiator: `rounds` round trips. Each writes an odd value and waits for the responder's answer
  // (that value + 1). Throws VerifyError if the answer is anything else, ChannelClosed after
  // abort(). REQUIRES: stop() not called yet.
  void ping(std::uint64_t rounds);
  // Initiator: makes serve() return. Call once, after the last ping().
  void stop() noexcept;
  // Responder: answers every ping until stop(), calling `progress` every kProgressEvery answers
  // (a watchdog's heartbeat). Throws VerifyError on a value out of sequence, ChannelClosed after
  // abort(). REQUIRES: a fresh object; called once.
  void serve(const std::function<void()>& progress);
  // Any thread or process: every current and future wait throws ChannelClosed. Must not throw.
  void abort() noexcept;

  static constexpr std::uint64_t kProgressEvery = 1024;

 private:
  std::uint64_t wait_for_change(const std::atomic<std::uint64_t>& line, std::uint64_t seen) const;
  bool one_line() const noexcept { return lines_ == Lines::one; }
  std::atomic<std::uint64_t>& ping_line() noexcept { return line_; }
  std::atomic<std::uint64_t>& answer_line() noexcept { return one_line() ? line_ : answer_; }

  // The measured line(s): nothing else lives on them, so each round trip moves exactly one line
  // (Lines::one) or one line each way (Lines::per_direction).
  alignas(64) std::atomic<std::uint64_t> line_{0};
  alignas(64) std::atomic<std::uint64_t> answer_{0};
  // Its own line (AbortFlag is line-aligned): written once, so polling it disturbs no measured line.
  sync::AbortFlag aborted_;
  const Lines lines_;  // set before any fork, never written again
};

// Two buffers of `bytes` bytes, every page touched up front, so copy() measures copying and not
// page faults.
class MemcpyBuffers {
 public:
  // REQUIRES: bytes > 0. Throws std::bad_alloc.
  explicit MemcpyBuffers(std::size_t bytes);
  // One std::memcpy of bytes() bytes from source to destination; never optimised away.
  void copy() noexcept;
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  struct AlignedDelete {
    void operator()(std::byte* p) const noexcept;
  };
  std::size_t bytes_;
  std::unique_ptr<std::byte[], AlignedDelete> src_;
  std::unique_ptr<std::byte[], AlignedDelete> dst_;
};

// Nanoseconds per cache-line round trip between a thread pinned to cpu_a (the caller, re-pinned
// for the duration and restored afterwards) and a responder thread pinned to cpu_b (-1: leave
// either to the scheduler; cpu_a == cpu_b: both share one CPU, so each hand-off costs a yield).
// The fastest of 7 batches of >= 0.5 ms each (a lower bound). Throws PeerError/SystemError.
double cacheline_roundtrip_ns(int cpu_a, int cpu_b);

// Bytes per second one thread copies with std::memcpy between two pre-touched buffers of `bytes`
// bytes (each byte counted once). The fastest of 5 batches of >= 0.5 ms (at least one copy each).
// REQUIRES: bytes > 0. Throws std::bad_alloc.
double memcpy_bytes_per_second(std::size_t bytes);

// MemAvailable from /proc/meminfo in bytes, or nullopt if it cannot be read (e.g. not Linux).
std::optional<std::size_t> mem_available_bytes();

}  // namespace tvp
