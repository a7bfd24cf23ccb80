// One timed batch of a paired comparison, driven by tvp's own round scheduler instead of Google
// Benchmark's runner (which runs every repetition of one benchmark before the next, minutes apart
// from its twin). It offers the part of benchmark::State the benchmark bodies use — the range-for
// loop, KeepRunningBatch, SetIterationTime, counters, SetBytesProcessed, SkipWithError — so one
// body serves both runners and threads, processes and bare loops keep sharing their timing code.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tvp::bench {

class BatchState {
 public:
  // REQUIRES: iterations >= 1. `manual_time`: the body reports every iteration's time with
  // SetIterationTime (UseManualTime); otherwise the loop's wall-clock time is the batch's time.
  BatchState(std::int64_t iterations, bool manual_time);

  struct [[gnu::unused]] Value {};
  class Iterator {
   public:
    Iterator(BatchState* s, std::int64_t left) : s_(s), left_(left) {}
    Value operator*() const noexcept { return {}; }
    Iterator& operator++() noexcept {
      --left_;
      ++s_->done_;
      return *this;
    }
    bool operator!=(const Iterator&) {
      if (left_ > 0 && !s_->error_) return true;
      s_->finish_loop();
      return false;
    }

   private:
    BatchState* s_;
    std::int64_t left_;
  };
  Iterator begin();
  Iterator end() { return {this, 0}; }

  // As benchmark::State::KeepRunningBatch: true while fewer than max_iterations were done. Each
  // chunk between two calls is timed (one clock read per call), so a batch of chunks has a median.
  bool KeepRunningBatch(std::int64_t n);
  void SetIterationTime(double seconds) noexcept { manual_seconds_ += seconds; }
  void SetBytesProcessed(std::int64_t bytes) {
    counters["bytes_per_second"] = benchmark::Counter(static_cast<double>(bytes),
                                                      benchmark::Counter::kIsRate);
  }
  void SkipWithError(const std::string& message);
  std::int64_t iterations() const noexcept { return done_; }

  const std::int64_t max_iterations;
  benchmark::UserCounters counters;

  // After the body returned:
  bool error_occurred() const noexcept { return error_; }
  const std::string& error_message() const noexcept { return error_message_; }
  double seconds() const noexcept;      // the batch's time: manual, or the loop's wall clock
  double cpu_seconds() const noexcept;  // this thread's CPU time over the loop
  // The median chunk's time per iteration when the body used KeepRunningBatch, else NaN.
  double median_chunk_seconds_per_iteration() const;
  // The fastest chunk's time per iteration (KeepRunningBatch), else NaN.
  double min_chunk_seconds_per_iteration() const;
  // Counters as Google Benchmark finishes them: rates divided by the batch's time, averages by
  // the iterations.
  benchmark::UserCounters finished_counters() const;

 private:
  void start_loop();
  void finish_loop();

  bool manual_;
  bool started_ = false, finished_ = false, error_ = false;
  std::string error_message_;
  std::int64_t done_ = 0;
  double manual_seconds_ = 0;
  std::int64_t wall_start_ns_ = 0, wall_ns_ = 0, cpu_start_ns_ = 0, cpu_ns_ = 0;
  std::int64_t chunk_start_ns_ = 0, chunk_size_ = 0;
  std::vector<double> chunk_seconds_per_iteration_;
};

}  // namespace tvp::bench
