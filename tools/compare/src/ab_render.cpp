#include "ab_render.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace tvp::compare {
namespace {

std::string percent(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", (ratio - 1) * 100);
  return buf;
}

// "+4.8% [+2.1% … +7.6%]", or the detail when there was no test.
std::string change(const AbRow& r) {
  if (r.verdict == AbVerdict::failed || r.verdict == AbVerdict::baseline_failed ||
      r.verdict == AbVerdict::suspect || r.verdict == AbVerdict::missing || r.rounds < 2 ||
      !r.detail.empty())
    return "-";
  return percent(r.ratio) + " [" + percent(r.low) + " .. " + percent(r.high) + "]";
}

std::string p_text(const AbRow& r) {
  if (change(r) == "-") return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3g (Holm %.3g)", r.p, r.p_holm);
  return buf;
}

std::string header(const AbResult& r, const AbOptions& o, std::size_t rounds) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "A/B over %zu alternating rounds; metric %s; candidate ÷ baseline per round, "
                "geometric mean with %.0f%% interval; regression = Holm-adjusted p < %g over %zu "
                "benchmarks and at least %+.1f%%; unchanged = interval within ±%.1f%%",
                rounds, r.metric.c_str(), o.confidence * 100, o.alpha, r.rows.size(),
                o.min_effect * 100, o.min_effect * 100);
  return buf;
}

std::array<std::size_t, 8> tally(const AbResult& r) {
  std::array<std::size_t, 8> n{};
  for (const AbRow& row : r.rows) ++n[static_cast<std::size_t>(row.verdict)];
  return n;
}

std::string summary(const AbResult& r) {
  const auto n = tally(r);
  std::string s;
  for (std::size_t v = 0; v < n.size(); ++v)
    if (n[v]) {
      if (!s.empty()) s += ", ";
      s += std::to_string(n[v]) + " " + to_string(static_cast<AbVerdict>(v));
    }
  return s;
}

}  // namespace

void render_ab_text(std::ostream& out, const AbResult& r, const AbOptions& o, std::size_t rounds) {
  out << header(r, o, rounds) << "\n\n";
  std::size_t w = 9;
  for (const AbRow& row : r.rows) w = std::max(w, row.name.size());
  char line[1024];
  std::snprintf(line, sizeof line, "%-*s  %6s  %-30s  %-24s  %s\n", static_cast<int>(w),
                "benchmark", "rounds", "change [interval]", "p", "verdict");
  out << line;
  for (const AbRow& row : r.rows) {
    std::snprintf(line, sizeof line, "%-*s  %6zu  %-30s  %-24s  %s%s%s\n", static_cast<int>(w),
                  row.name.c_str(), row.rounds, change(row).c_str(), p_text(row).c_str(),
                  to_string(row.verdict), row.detail.empty() ? "" : ": ", row.detail.c_str());
    out << line;
  }
  out << "\n" << summary(r) << "\n";
}

void render_ab_markdown(std::ostream& out, const AbResult& r, const AbOptions& o,
                        std::size_t rounds) {
  out << header(r, o, rounds) << "\n\n"
      << "| benchmark | rounds | change [interval] | p | verdict |\n|---|---:|---|---|---|\n";
  for (const AbRow& row : r.rows) {
    out << "| `" << row.name << "` | " << row.rounds << " | " << change(row) << " | "
        << p_text(row) << " | " << (row.verdict == AbVerdict::regression ? "**" : "")
        << to_string(row.verdict) << (row.verdict == AbVerdict::regression ? "**" : "")
        << (row.detail.empty() ? "" : ": " + row.detail) << " |\n";
  }
  out << "\n" << summary(r) << "\n";
}

}  // namespace tvp::compare
