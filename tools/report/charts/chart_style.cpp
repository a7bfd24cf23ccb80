#include "charts/chart_style.hpp"

#include <array>
#include <cstdint>

namespace tvp::report {

std::string hashed_colour(std::string_view name) {
  static constexpr std::array<const char*, 8> kPalette{"#393b79", "#8c6d31", "#843c39", "#7b4173",
                                                       "#637939", "#3182bd", "#e6550d", "#31a354"};
  // FNV-1a rather than std::hash: the same name must get the same colour on every build.
  std::uint32_t h = 2166136261u;
  for (unsigned char c : name) h = (h ^ c) * 16777619u;
  return kPalette[h % kPalette.size()];
}

std::string dash_for_model(std::string_view model) {
  if (model == "thread") return "";
  if (model == "process") return "7 4";
  return "2 3";
}

Marker marker_for_run(std::size_t run_index) {
  static constexpr std::array<Marker, 5> kOrder{Marker::circle, Marker::square, Marker::triangle,
                                                Marker::diamond, Marker::cross};
  return kOrder[run_index % kOrder.size()];
}

}  // namespace tvp::report

namespace tvp::report {

std::string colour_for_run(std::size_t run_index) {
  static constexpr std::array<const char*, 5> kRuns{"#4c72b0", "#dd8452", "#55a868", "#c44e52",
                                                    "#8172b3"};
  return kRuns[run_index % kRuns.size()];
}

}  // namespace tvp::report
