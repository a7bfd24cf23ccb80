// The order in which the arms of one comparison run, round after round, and when to stop.
// Rounds come in pairs: an even round runs the arms in a fresh random order, the odd round after it
// in the reverse order (A B | B A, A C B | B C A ...). Every arm is then as often early as late in a
// pair of rounds, so a drift that is linear over the pair hits every arm alike, and the random
// order keeps any periodic disturbance from lining up with one arm (randomized multiple interleaved
// trials, Abedi & Brecht 2017).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace tvp {

class RoundSchedule {
 public:
  // REQUIRES: arms >= 1.
  RoundSchedule(std::size_t arms, std::uint64_t seed);

  // The arm indices of the next round, each exactly once.
  const std::vector<std::size_t>& next();
  std::size_t rounds_started() const noexcept { return round_; }

 private:
  std::mt19937_64 rng_;
  std::vector<std::size_t> order_;
  std::size_t round_ = 0;
};

// When the rounds of one comparison stop: never before `min_rounds`; then as soon as every
// interval is at most `target_half_width` wide (relative, e.g. 0.03), or the time budget is spent,
// or `max_rounds` is reached. A minimum and a cap keep the bias of a data-dependent stop small.
struct StopRule {
  std::size_t min_rounds = 6;
  std::size_t max_rounds = 200;
  double target_half_width = 0.03;
  std::chrono::duration<double> budget{2.0};

  // `widest` is the widest relative half width of the comparison's intervals so far (ignored
  // below min_rounds).
  bool done(std::size_t rounds, double widest, std::chrono::duration<double> elapsed) const noexcept {
    if (rounds < min_rounds) return false;
    return widest <= target_half_width || elapsed >= budget || rounds >= max_rounds;
  }
};

}  // namespace tvp
