#include "agreement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace tvp::agreement {
namespace {

bool suspect(const gbjson::Entry& e) {
  const auto it = e.counters.find("suspect");
  return it != e.counters.end() && it->second != 0;
}

std::map<std::string, const gbjson::Entry*> rows(const gbjson::Report& r, const std::string& agg) {
  std::map<std::string, const gbjson::Entry*> out;
  for (const auto& e : r.benchmarks)
    if (e.run_type == gbjson::RunType::aggregate && e.aggregate_name == agg && !e.error_occurred)
      out[e.run_name] = &e;
  return out;
}

Interval interval_of(const gbjson::Entry& e) {
  const auto c = [&](const char* k) {
    const auto it = e.counters.find(k);
    return it == e.counters.end() ? NAN : it->second;
  };
  return {e.real_time, c("ci_low"), c("ci_high")};
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string ratio(const Interval& i) {
  return fmt("%.3g×", i.estimate) + " [" + fmt("%.3g", i.low) + "–" + fmt("%.3g", i.high) + "]";
}

}  // namespace

std::size_t Agreement::overlapping() const {
  return static_cast<std::size_t>(
      std::count_if(cells.begin(), cells.end(), [](const Cell& c) { return c.overlap(); }));
}

double Agreement::median_abs_change() const {
  std::vector<double> v;
  for (const Cell& c : cells) v.push_back(std::fabs(c.change()));
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Agreement agree(const gbjson::Report& a, const gbjson::Report& b, const std::string& aggregate) {
  Agreement g;
  const auto ra = rows(a, aggregate), rb = rows(b, aggregate);
  for (const auto& e : a.benchmarks) {
    if (e.run_type != gbjson::RunType::aggregate || e.aggregate_name != aggregate ||
        e.error_occurred)
      continue;
    const auto other = rb.find(e.run_name);
    if (other == rb.end()) {
      ++g.only_in_one;
      continue;
    }
    if (suspect(e) || suspect(*other->second)) {
      ++g.suspect;
      continue;
    }
    g.cells.push_back({e.run_name, interval_of(e), interval_of(*other->second)});
  }
  for (const auto& [name, e] : rb)
    if (!ra.count(name)) ++g.only_in_one;
  return g;
}

std::string render(const Agreement& g, const std::string& aggregate, std::size_t worst) {
  std::string out = "| " + aggregate + " | two runs |\n|---|---:|\n";
  out += "| cells in both runs | " + std::to_string(g.cells.size()) + " |\n";
  if (g.cells.empty()) return out + "\nNo cell in both runs.\n";
  const double share =
      static_cast<double>(g.overlapping()) / static_cast<double>(g.cells.size());
  out += "| intervals overlapping | " + std::to_string(g.overlapping()) + " (" +
         fmt("%.1f%%", share * 100) + ") |\n";
  out += "| median absolute change of the estimate | " +
         fmt("%.2f%%", g.median_abs_change() * 100) + " |\n";
  out += "| left out: suspect in a run / in one run only | " + std::to_string(g.suspect) + " / " +
         std::to_string(g.only_in_one) + " |\n";
  std::vector<const Cell*> by_change;
  for (const Cell& c : g.cells) by_change.push_back(&c);
  std::sort(by_change.begin(), by_change.end(), [](const Cell* x, const Cell* y) {
    return std::fabs(x->change()) > std::fabs(y->change());
  });
  if (worst == 0) return out;
  out += "\nLargest changes:\n\n| cell | run 1 | run 2 | change | overlap |\n|---|---:|---:|---:|---|\n";
  for (std::size_t i = 0; i < std::min(worst, by_change.size()); ++i) {
    const Cell& c = *by_change[i];
    out += "| " + c.name + " | " + ratio(c.a) + " | " + ratio(c.b) + " | " +
           fmt("%+.1f%%", c.change() * 100) + " | " + (c.overlap() ? "yes" : "**no**") + " |\n";
  }
  return out;
}

}  // namespace tvp::agreement
