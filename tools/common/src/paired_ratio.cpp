// tvp-bench's paired ratio rows: recognised by aggregate_name, checked when read (a ratio row that
// Google Benchmark would have scaled as a time is refused), and turned into PairedRatio.
#include <algorithm>
#include <cmath>

#include "json_fields.hpp"
#include "readers.hpp"

namespace tvp::gbjson {
namespace {

constexpr std::string_view kRatioPrefix = "ratio_to_";

double counter_or(const Entry& e, const char* key, double absent) {
  const auto it = e.counters.find(key);
  return it == e.counters.end() ? absent : it->second;
}

}  // namespace

bool is_ratio_kind(std::string_view aggregate_name) {
  return aggregate_name.size() > kRatioPrefix.size() && aggregate_name.starts_with(kRatioPrefix);
}

bool PairedRatio::usable() const {
  return std::isfinite(estimate) && std::isfinite(ci_low) && std::isfinite(ci_high) && ci_low > 0 &&
         ci_low <= estimate && estimate <= ci_high;
}

bool PairedRatio::holds_one() const {
  return std::isfinite(ci_low) && std::isfinite(ci_high) && ci_low <= 1 && 1 <= ci_high;
}

std::optional<PairedRatio> paired_ratio(const Entry& e) {
  if (e.run_type != RunType::aggregate || !is_ratio_kind(e.aggregate_name)) return std::nullopt;
  PairedRatio r;
  r.kind = e.aggregate_name;
  r.estimate = e.real_time;  // aggregate_unit "percentage": written unscaled
  r.ci_low = counter_or(e, "ci_low", NAN);
  r.ci_high = counter_or(e, "ci_high", NAN);
  const double rounds = counter_or(e, "rounds", NAN);
  r.rounds = std::isfinite(rounds) ? std::llround(rounds) : e.repetitions;
  // Absent: the larger relative distance from the estimate to an end of the interval.
  r.half_width = counter_or(e, "half_width", NAN);
  if (!std::isfinite(r.half_width) && r.usable()) {
    r.half_width = std::max(r.ci_high / r.estimate - 1, 1 - r.ci_low / r.estimate);
  }
  const double met = counter_or(e, "target_met", NAN);
  if (std::isfinite(met)) r.target_met = met != 0;
  r.suspect = flagged_suspect(e);
  return r;
}

bool flagged_suspect(const Entry& e) {
  const double s = counter_or(e, "suspect", NAN);
  return std::isfinite(s) && s != 0;
}

namespace detail {

void check_ratio_row(const Entry& e, const Fields& fields) {
  if (e.run_type != RunType::aggregate || !is_ratio_kind(e.aggregate_name)) return;
  if (e.aggregate_unit != "percentage") {
    // Google Benchmark divides a "time" aggregate by its iterations and scales it to time_unit:
    // the number in the file would not be the ratio.
    fields.fail(ErrorKind::bad_field, "ratio row \"" + shorten(e.aggregate_name) +
                                          "\" must have aggregate_unit \"percentage\", found \"" +
                                          shorten(e.aggregate_unit) + "\"");
  }
  for (const char* key : {"ci_low", "ci_high"}) {
    if (e.counters.count(key) == 0) {
      fields.fail(ErrorKind::bad_field,
                  "ratio row \"" + shorten(e.aggregate_name) + "\" has no \"" + key + "\" counter");
    }
  }
}

}  // namespace detail
}  // namespace tvp::gbjson
