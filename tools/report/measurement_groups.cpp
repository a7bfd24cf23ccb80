#include "measurement_groups.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <tuple>

#include "chart_style.hpp"

namespace tvp::report {
namespace {

constexpr std::array<std::string_view, 10> kTransportOrder{
    "sharedptr_mutex", "sharedptr_spsc", "pipe",          "unix_stream", "unix_dgram",
    "unix_seqpacket",  "shm_ring",       "shm_ring_wait", "shm_mq",      "shm_handoff"};

std::size_t rank_in(std::string_view name, const auto& order) {
  const auto it = std::find(order.begin(), order.end(), name);
  return static_cast<std::size_t>(it - order.begin());
}

std::size_t model_rank(std::string_view model) {
  return model == "thread" ? 0 : model == "process" ? 1 : 2;
}

}  // namespace

const Measurement* Line::at(std::uint64_t bytes) const {
  for (const Measurement* m : points) {
    if (m->name.bytes == bytes) return m;
  }
  return nullptr;
}

std::vector<std::string> placements_of(const Measurements& ms) {
  static constexpr std::array<std::string_view, 3> kOrder{"cross_core", "same_core", "unpinned"};
  std::vector<std::string> out;
  for (const Measurement* m : ms) {
    if (std::find(out.begin(), out.end(), m->name.placement) == out.end()) {
      out.push_back(m->name.placement);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return rank_in(a, kOrder) < rank_in(b, kOrder);
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

std::vector<Line> lines_of(const Measurements& ms) {
  std::vector<Line> lines;
  for (const Measurement* m : ms) {
    auto it = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
      return l.run == m->run && l.transport == m->name.transport && l.model == m->name.model;
    });
    if (it == lines.end()) {
      lines.push_back({m->run, m->name.transport, m->name.model, {}});
      it = std::prev(lines.end());
    }
    it->points.push_back(m);
  }
  for (Line& l : lines) {
    std::stable_sort(
        l.points.begin(), l.points.end(),
        [](const Measurement* a, const Measurement* b) { return a->name.bytes < b->name.bytes; });
  }
  const auto key = [](const Line& l) {
    return std::make_tuple(rank_in(l.transport, kTransportOrder), l.transport, model_rank(l.model),
                           l.model, l.run);
  };
  std::stable_sort(lines.begin(), lines.end(),
                   [&](const Line& a, const Line& b) { return key(a) < key(b); });
  return lines;
}

std::string line_label(const Dataset& data, const Line& line) {
  return line.transport + " · " + line.model + data.run_suffix(line.run);
}

Series series_style(const Dataset& data, const Line& line) {
  Series s;
  s.name = line_label(data, line);
  s.colour = colour_for(line.transport);
  s.dash = dash_for_model(line.model);
  s.marker = marker_for_run(line.run);
  return s;
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

std::vector<std::string> line_name_columns(const Dataset& data) {
  std::vector<std::string> out{"transport", "model"};
  if (data.several_runs()) out.push_back("run");
  return out;
}

std::vector<std::string> line_name_cells(const Dataset& data, const Line& line) {
  std::vector<std::string> out{line.transport, line.model};
  if (data.several_runs()) out.push_back(data.runs[line.run].label);
  return out;
}

}  // namespace tvp::report
