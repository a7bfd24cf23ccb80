#include "batch_state.hpp"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tvp::bench {
namespace {

std::int64_t clock_ns(clockid_t id) {
  timespec ts{};
  ::clock_gettime(id, &ts);
  return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

BatchState::BatchState(std::int64_t iterations, bool manual_time)
    : max_iterations(iterations), manual_(manual_time) {
  if (iterations < 1) throw std::invalid_argument("BatchState: needs at least one iteration");
}

void BatchState::start_loop() {
  if (started_) return;
  started_ = true;
  cpu_start_ns_ = clock_ns(CLOCK_THREAD_CPUTIME_ID);
  wall_start_ns_ = clock_ns(CLOCK_MONOTONIC);
}

void BatchState::finish_loop() {
  if (!started_ || finished_) return;
  finished_ = true;
  wall_ns_ = clock_ns(CLOCK_MONOTONIC) - wall_start_ns_;
  cpu_ns_ = clock_ns(CLOCK_THREAD_CPUTIME_ID) - cpu_start_ns_;
}

BatchState::Iterator BatchState::begin() {
  start_loop();
  return {this, max_iterations - done_};
}

bool BatchState::KeepRunningBatch(std::int64_t n) {
  start_loop();
  const std::int64_t now = clock_ns(CLOCK_MONOTONIC);
  if (chunk_size_ > 0)
    chunk_seconds_per_iteration_.push_back(static_cast<double>(now - chunk_start_ns_) * 1e-9 /
                                           static_cast<double>(chunk_size_));
  chunk_start_ns_ = now;
  chunk_size_ = n;
  if (done_ >= max_iterations || error_) {
    finish_loop();
    return false;
  }
  done_ += n;
  return true;
}

void BatchState::SkipWithError(const std::string& message) {
  error_ = true;
  error_message_ = message;
  finish_loop();
}

double BatchState::seconds() const noexcept {
  return manual_ ? manual_seconds_ : static_cast<double>(wall_ns_) * 1e-9;
}

double BatchState::median_chunk_seconds_per_iteration() const {
  if (chunk_seconds_per_iteration_.empty()) return NAN;
  std::vector<double> v = chunk_seconds_per_iteration_;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

double BatchState::min_chunk_seconds_per_iteration() const {
  if (chunk_seconds_per_iteration_.empty()) return NAN;
  return *std::min_element(chunk_seconds_per_iteration_.begin(),
                           chunk_seconds_per_iteration_.end());
}

double BatchState::cpu_seconds() const noexcept { return static_cast<double>(cpu_ns_) * 1e-9; }

benchmark::UserCounters BatchState::finished_counters() const {
  // Google Benchmark's Finish() (counter.cc) for one thread, with the chosen time.
  benchmark::UserCounters out = counters;
  const double t = seconds(), n = static_cast<double>(done_);
  for (auto& [name, c] : out) {
    double v = c.value;
    if (c.flags & benchmark::Counter::kIsRate) v = t > 0 ? v / t : 0;
    if (c.flags & benchmark::Counter::kIsIterationInvariant) v *= n;
    if (c.flags & benchmark::Counter::kAvgIterations) v = n > 0 ? v / n : 0;
    if (c.flags & benchmark::Counter::kInvert) v = v != 0 ? 1 / v : 0;
    c.value = v;
  }
  return out;
}

}  // namespace tvp::bench
