#include "figures/series_style.hpp"

#include <array>
#include <utility>

#include "charts/chart_style.hpp"

namespace tvp::report {
namespace {

// The spawn family's kinds are the ways tvp-bench starts a peer (spawn/<kind>/...), not registry
// rows, so no report's context colours them. Hashed, thread and fork would share a colour in the
// one chart that shows them side by side; these four keep apart (fork_touched hashes to a fifth).
constexpr std::array<std::pair<std::string_view, const char*>, 4> kSpawnKindColours{{
    {"thread", "#3182bd"},
    {"fork", "#843c39"},
    {"vfork_exec", "#7b4173"},
    {"posix_spawn", "#393b79"},
}};

}  // namespace

std::string transport_colour(const Dataset& data, std::string_view transport) {
  if (auto colour = data.transports.colour(transport)) return *colour;
  for (const auto& [kind, colour] : kSpawnKindColours) {
    if (kind == transport) return colour;
  }
  return hashed_colour(transport);
}

Series series_style(const Dataset& data, const Line& line) {
  Series s;
  s.name = line_label(data, line);
  s.colour = transport_colour(data, line.transport);
  s.dash = dash_for_model(line.model);
  s.marker = marker_for_run(line.run);
  return s;
}

}  // namespace tvp::report
