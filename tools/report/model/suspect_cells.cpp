#include "model/suspect_cells.hpp"

#include <cmath>

#include "text/units.hpp"

namespace tvp::report {
namespace {

double counter(const gbjson::Entry& e, const char* key) {
  const auto it = e.counters.find(key);
  return it == e.counters.end() ? NAN : it->second;
}

// What a row's ratios compare: tvp_value_ns when the bench wrote it (the round's median round
// trip), else its time per iteration.
double compared_ns(const gbjson::Entry& e) {
  const double v = counter(e, "tvp_value_ns");
  return v > 0 ? v : e.real_time_ns;
}

// Geometric mean over the rounds of the row's figure ÷ the floor counter of the same round (time
// against floor_ns, or bytes_per_second against floor_bytes_per_second); NaN when no row has both.
double ratio_to_floor(const std::vector<const gbjson::Entry*>& rows, bool bandwidth) {
  double sum = 0;
  std::size_t n = 0;
  for (const gbjson::Entry* e : rows) {
    const double floor = counter(*e, bandwidth ? "floor_bytes_per_second" : "floor_ns");
    const double value = bandwidth ? counter(*e, "bytes_per_second") : compared_ns(*e);
    if (!(floor > 0) || !(value > 0)) continue;
    sum += std::log(value / floor);
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
  // Bandwidth first: throughput rows carry floor_ns (memcpy's time per copy) as well.
  if (const double b = ratio_to_floor(rows, true); std::isfinite(b)) {
    why += ": " + format_significant(b, 3) + "× the memcpy bandwidth measured in the same rounds";
  } else if (const double r = ratio_to_floor(rows, false); std::isfinite(r)) {
    why += ": round trip " + format_significant(r, 3) +
           "× the floor/cacheline_pair round trip measured in the same rounds";
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
