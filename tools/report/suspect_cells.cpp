#include "suspect_cells.hpp"

#include <cmath>

#include "units.hpp"

namespace tvp::report {
namespace {

// Geometric mean over the rounds of value ÷ the paired floor counter; NaN when no row has both.
double ratio_to_counter(const std::vector<const gbjson::Entry*>& rows, const char* floor,
                        bool bandwidth) {
  double sum = 0;
  std::size_t n = 0;
  for (const gbjson::Entry* e : rows) {
    const auto f = e->counters.find(floor);
    const auto b = e->counters.find("bytes_per_second");
    if (f == e->counters.end() || !(f->second > 0)) continue;
    const double value = bandwidth ? (b == e->counters.end() ? NAN : b->second) : e->real_time_ns;
    if (!(value > 0)) continue;
    sum += std::log(value / f->second);
    ++n;
  }
  return n == 0 ? NAN : std::exp(sum / static_cast<double>(n));
}

std::string join_name(const gbjson::BenchmarkName& n) {
  std::string out = n.key();
  for (const std::string& s : n.suffixes) out += "/" + s;
  return out;
}

}  // namespace

std::optional<std::string> suspect_reason(const std::vector<const gbjson::Entry*>& entries) {
  std::vector<const gbjson::Entry*> rows;
  std::size_t flagged = 0;
  bool aggregate_flagged = false;
  for (const gbjson::Entry* e : entries) {
    if (e->run_type == gbjson::RunType::iteration) {
      rows.push_back(e);
      flagged += gbjson::flagged_suspect(*e) ? 1 : 0;
    } else if (e->aggregate_name == "mean" || e->aggregate_name == "median") {
      aggregate_flagged = aggregate_flagged || gbjson::flagged_suspect(*e);
    }
  }
  if (flagged == 0 && !aggregate_flagged) return std::nullopt;
  std::string why = "faster than the run's floor";
  if (const double r = ratio_to_counter(rows, "floor_ns", false); std::isfinite(r)) {
    why += ": mean round trip " + format_significant(r, 3) +
           "× the floor/cacheline_pair round trip measured in the same rounds";
  } else if (const double b = ratio_to_counter(rows, "floor_bytes_per_second", true);
             std::isfinite(b)) {
    why += ": " + format_significant(b, 3) + "× the memcpy bandwidth measured in the same rounds";
  } else {
    why += " (cache-line round trip or memcpy bandwidth)";
  }
  if (!rows.empty()) {
    const bool rounds = rows.front()->counters.count("tvp_round") != 0;
    why += "; flagged in " + std::to_string(flagged) + " of " + std::to_string(rows.size()) +
           (rows.size() == 1 ? " run"
            : rounds         ? " rounds"
                             : " repetitions");
  }
  return why;
}

std::optional<std::string> ratio_partner(const gbjson::BenchmarkName& arm,
                                         const std::string& kind) {
  gbjson::BenchmarkName other = arm;
  if (kind == "ratio_to_thread") {
    other.model = "thread";
  } else if (kind == "ratio_to_bare") {
    other.family = "bare";
  } else {
    return std::nullopt;
  }
  return join_name(other);
}

}  // namespace tvp::report
