#include "model/measurement_groups.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <tuple>

namespace tvp::report {
namespace {

std::size_t rank_in(std::string_view name, const auto& order) {
  const auto it = std::find(order.begin(), order.end(), name);
  return static_cast<std::size_t>(it - order.begin());
}

constexpr std::array<std::string_view, 3> kPlacementOrder{"cross_core", "same_core", "unpinned"};

std::size_t model_rank(std::string_view model) {
  return model == "thread" ? 0 : model == "process" ? 1 : 2;
}

// A field value as a number, NaN when it is not one ("msgpack").
double numeric(const std::string& value) {
  char* end = nullptr;
  const double v = std::strtod(value.c_str(), &end);
  return !value.empty() && end == value.c_str() + value.size() ? v : NAN;
}

// Fields in reading order: numbers by value (pairs:2 before pairs:10), the rest by name.
bool fields_less(const Fields& a, const Fields& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].first != b[i].first) return a[i].first < b[i].first;
    const double x = numeric(a[i].second), y = numeric(b[i].second);
    if (!std::isnan(x) && !std::isnan(y) && x != y) return x < y;
    if (a[i].second != b[i].second) return a[i].second < b[i].second;
  }
  return a.size() < b.size();
}

Fields without(Fields fields, const std::string& key) {
  std::erase_if(fields, [&](const auto& kv) { return kv.first == key; });
  return fields;
}

// Groups `ms` into lines keyed by run, transport, model and the fields other than `x_field`, each
// sorted along x, the lines in the reports' reading order.
std::vector<Line> group_lines(const Dataset& data, const Measurements& ms,
                              const std::string& x_field) {
  std::vector<Line> lines;
  for (const Measurement* m : ms) {
    Fields fields = x_field.empty() ? m->fields : without(m->fields, x_field);
    auto it = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
      return l.run == m->run && l.transport == m->name.transport && l.model == m->name.model &&
             l.fields == fields;
    });
    if (it == lines.end()) {
      lines.push_back({m->run, m->name.transport, m->name.model, std::move(fields), x_field, {}});
      it = std::prev(lines.end());
    }
    it->points.push_back(m);
  }
  for (Line& l : lines) {
    std::stable_sort(l.points.begin(), l.points.end(),
                     [&](const Measurement* a, const Measurement* b) { return l.x(*a) < l.x(*b); });
  }
  const auto key = [&](const Line& l) {
    return std::make_tuple(transport_rank(data, l.transport), l.transport, model_rank(l.model),
                           l.model);
  };
  std::stable_sort(lines.begin(), lines.end(), [&](const Line& a, const Line& b) {
    if (key(a) != key(b)) return key(a) < key(b);
    if (a.fields != b.fields) return fields_less(a.fields, b.fields);
    return a.run < b.run;
  });
  return lines;
}

}  // namespace

const Measurement* Line::at(std::uint64_t bytes) const {
  for (const Measurement* m : points) {
    if (m->name.bytes == bytes) return m;
  }
  return nullptr;
}

std::size_t transport_rank(const Dataset& data, std::string_view transport) {
  return data.transports.rank(transport);
}

std::size_t placement_rank(std::string_view placement) {
  return rank_in(placement, kPlacementOrder);
}

std::vector<std::string> placements_of(const Measurements& ms) {
  std::vector<std::string> out;
  for (const Measurement* m : ms) {
    if (std::find(out.begin(), out.end(), m->name.placement) == out.end()) {
      out.push_back(m->name.placement);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return placement_rank(a) < placement_rank(b);
  });
  return out;
}

Measurements with_placement(const Measurements& ms, const std::string& placement) {
  Measurements out;
  for (const Measurement* m : ms) {
    if (m->name.placement == placement) out.push_back(m);
  }
  return out;
}

std::vector<std::uint64_t> sizes_of(const Measurements& ms) {
  std::vector<std::uint64_t> out;
  for (const Measurement* m : ms) out.push_back(m->name.bytes);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Line::x(const Measurement& m) const {
  return x_field.empty() ? static_cast<double>(m.name.bytes) : numeric(m.field(x_field));
}

std::string fields_text(const Fields& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : " · ") + k + ":" + v;
  return out;
}

std::vector<Line> lines_of(const Dataset& data, const Measurements& ms) {
  return group_lines(data, ms, "");
}

std::vector<Line> lines_against(const Dataset& data, const Measurements& ms,
                                const std::string& field) {
  return group_lines(data, ms, field);
}

std::vector<std::string> field_values(const Dataset& data, const Measurements& ms,
                                      const std::string& field) {
  std::vector<std::string> out;
  for (const Line& l : lines_against(data, ms, field)) {
    for (const Measurement* m : l.points) {
      const std::string v = m->field(field);
      if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    // Numbers by value first; names after them, in order of appearance.
    const double x = numeric(a), y = numeric(b);
    return std::make_pair(std::isnan(x), std::isnan(x) ? 0.0 : x) <
           std::make_pair(std::isnan(y), std::isnan(y) ? 0.0 : y);
  });
  return out;
}

std::string line_group_name(const Line& line) {
  const std::string fields = fields_text(line.fields);
  return line.transport + " · " + line.model + (fields.empty() ? "" : " · " + fields);
}

std::string line_label(const Dataset& data, const Line& line) {
  return line_group_name(line) + data.run_suffix(line.run);
}

std::uint64_t choose_size(const std::vector<std::uint64_t>& sizes,
                          std::optional<std::uint64_t> requested, const std::string& family) {
  if (requested) {
    if (std::find(sizes.begin(), sizes.end(), *requested) != sizes.end()) return *requested;
    std::string present;
    for (std::uint64_t s : sizes) present += (present.empty() ? "" : ", ") + std::to_string(s);
    throw InputError("--size " + std::to_string(*requested) + ": no " + family +
                     " benchmark has that size (sizes present: " + present + ")");
  }
  constexpr double kPreferred = 4096;
  const auto distance = [](std::uint64_t s) {
    return s == 0 ? 1e9 : std::fabs(std::log2(static_cast<double>(s)) - std::log2(kPreferred));
  };
  return *std::min_element(sizes.begin(), sizes.end(), [&](std::uint64_t a, std::uint64_t b) {
    return distance(a) < distance(b);
  });
}

std::vector<std::uint64_t> key_sizes(const std::vector<std::uint64_t>& sizes,
                                     std::uint64_t chosen) {
  std::vector<std::uint64_t> out{sizes.front(), chosen, sizes.back()};
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace tvp::report

namespace tvp::report {

namespace {
bool any_fields(const std::vector<Line>& lines) {
  return std::any_of(lines.begin(), lines.end(), [](const Line& l) { return !l.fields.empty(); });
}
}  // namespace

std::vector<std::string> line_name_columns(const Dataset& data, const std::vector<Line>& lines) {
  std::vector<std::string> out{"transport", "model"};
  if (any_fields(lines)) out.push_back("fields");
  if (data.several_runs()) out.push_back("run");
  return out;
}

std::vector<std::string> line_name_cells(const Dataset& data, const std::vector<Line>& lines,
                                         const Line& line) {
  std::vector<std::string> out{line.transport, line.model};
  if (any_fields(lines)) out.push_back(fields_text(line.fields));
  if (data.several_runs()) out.push_back(data.runs[line.run].label);
  return out;
}

}  // namespace tvp::report
