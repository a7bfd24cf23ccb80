#include "render.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

namespace tvp::compare {
namespace {

constexpr std::array<const char*, 7> kHeader = {"benchmark", "reps",    "baseline", "current",
                                                "change",    "p-value", "verdict"};
using Cells = std::array<std::string, kHeader.size()>;

std::string format(const char* spec, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, spec, value);
  return buf;
}

std::string format_value(double v, const MetricComparison& t) {
  if (!t.metric.nanoseconds || !t.reference.empty()) return format("%.4g", v);
  const double a = std::abs(v);
  if (a < 1e3) return format("%.4g ns", v);
  if (a < 1e6) return format("%.4g us", v / 1e3);
  if (a < 1e9) return format("%.4g ms", v / 1e6);
  return format("%.4g s", v / 1e9);
}

bool has_numbers(const Row& r) {
  return r.verdict != Verdict::only_baseline && r.verdict != Verdict::only_current &&
         r.verdict != Verdict::failed && r.verdict != Verdict::baseline_failed &&
         r.verdict != Verdict::no_data && r.verdict != Verdict::suspect;
}

// A pipe would end a Markdown table cell early (an error message may contain one).
std::string escape_pipes(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '|') out += '\\';
    out += ch;
  }
  return out;
}

Cells cells(const Row& r, const MetricComparison& t) {
  Cells c;
  c[0] = r.name;
  std::string verdict = to_string(r.verdict);
  if (r.threshold_only) verdict += " (threshold only)";
  if (!r.detail.empty()) verdict += ": " + r.detail;
  c[6] = verdict;
  if (!has_numbers(r)) {
    for (std::size_t i = 1; i < 6; ++i) c[i] = "-";
    return c;
  }
  c[1] = std::to_string(r.n_base) + "/" + std::to_string(r.n_current);
  c[2] = format_value(r.base_median, t);
  c[3] = format_value(r.current_median, t);
  c[4] =
      std::isinf(r.change) ? (r.change > 0 ? "+inf" : "-inf") : format("%+.1f%%", r.change * 100);
  c[5] = r.p ? format("%.3g", *r.p) : "n/a";
  return c;
}

std::string title(const MetricComparison& t, const CompareOptions& o) {
  std::string s = "metric " + t.metric.name + " (median of repetitions, " +
                  (t.metric.higher_is_better ? "higher" : "lower") + " is better";
  if (!t.reference.empty()) s += ", as a ratio to " + t.reference;
  s += "), threshold " + format("%g", o.threshold * 100) + "%, alpha " + format("%g", o.alpha);
  return s;
}

std::string summary(const std::vector<MetricComparison>& tables) {
  std::array<std::size_t, kVerdictCount> count{};
  for (const MetricComparison& t : tables) {
    for (const Row& r : t.rows) ++count[static_cast<std::size_t>(r.verdict)];
  }
  std::string s;
  for (std::size_t v = 0; v < count.size(); ++v) {
    if (count[v] == 0) continue;
    if (!s.empty()) s += ", ";
    s += std::to_string(count[v]) + " " + to_string(static_cast<Verdict>(v));
  }
  return s;
}

}  // namespace

void render_text(std::ostream& out, const std::vector<MetricComparison>& tables,
                 const CompareOptions& options) {
  for (const MetricComparison& t : tables) {
    std::vector<Cells> rows;
    rows.reserve(t.rows.size());
    for (const Row& r : t.rows) rows.push_back(cells(r, t));
    std::array<std::size_t, kHeader.size()> width{};
    for (std::size_t i = 0; i < kHeader.size(); ++i) width[i] = std::string(kHeader[i]).size();
    for (const Cells& c : rows) {
      for (std::size_t i = 0; i < c.size(); ++i) width[i] = std::max(width[i], c[i].size());
    }
    const auto print = [&](const auto& c) {
      std::string line;
      for (std::size_t i = 0; i < c.size(); ++i) {
        const std::string cell = c[i];
        // Numbers right-aligned so their digits line up; names and verdicts left-aligned.
        const bool right = i >= 1 && i <= 5;
        const std::string pad(width[i] - cell.size(), ' ');
        line += right ? pad + cell : cell + (i + 1 < c.size() ? pad : "");
        if (i + 1 < c.size()) line += "  ";
      }
      out << line << '\n';
    };
    out << title(t, options) << '\n';
    print(kHeader);
    for (const Cells& c : rows) print(c);
    for (const std::string& note : t.notes) out << note << '\n';
    out << '\n';
  }
  out << "summary: " << summary(tables) << '\n';
}

void render_markdown(std::ostream& out, const std::vector<MetricComparison>& tables,
                     const CompareOptions& options) {
  for (const MetricComparison& t : tables) {
    out << "### tvp-compare: " << title(t, options) << "\n\n";
    out << "| benchmark | reps | baseline | current | change | p-value | verdict |\n";
    out << "|---|---:|---:|---:|---:|---:|---|\n";
    for (const Row& r : t.rows) {
      Cells c = cells(r, t);
      for (std::string& cell : c) cell = escape_pipes(cell);
      out << "| `" << c[0] << "` |";
      for (std::size_t i = 1; i < c.size(); ++i) {
        const bool bold =
            i == 6 && (r.verdict == Verdict::regression || r.verdict == Verdict::failed);
        out << ' ' << (bold ? "**" + c[i] + "**" : c[i]) << " |";
      }
      out << '\n';
    }
    out << '\n';
    for (const std::string& note : t.notes) out << "- " << note << '\n';
    if (!t.notes.empty()) out << '\n';
  }
  out << "**summary:** " << summary(tables) << '\n';
}

}  // namespace tvp::compare
