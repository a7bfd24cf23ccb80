#include "tvp/round_schedule.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace tvp {

RoundSchedule::RoundSchedule(std::size_t arms, std::uint64_t seed) : rng_(seed), order_(arms) {
  if (arms == 0) throw std::invalid_argument("RoundSchedule: no arms");
  std::iota(order_.begin(), order_.end(), std::size_t{0});
}

const std::vector<std::size_t>& RoundSchedule::next() {
  if (round_ % 2 == 0)
    std::shuffle(order_.begin(), order_.end(), rng_);
  else
    std::reverse(order_.begin(), order_.end());
  ++round_;
  return order_;
}

}  // namespace tvp
