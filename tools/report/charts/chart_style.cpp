#include "charts/chart_style.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace tvp::report {

std::string colour_for(std::string_view transport) {
  // Transports, then spawn kinds (the transport field of spawn/...).
  static constexpr std::array<std::pair<std::string_view, const char*>, 14> kKnown{{
      {"sharedptr_mutex", "#1f77b4"},
      {"sharedptr_spsc", "#17becf"},
      {"pipe", "#d62728"},
      {"unix_stream", "#ff7f0e"},
      {"unix_dgram", "#bcbd22"},
      {"unix_seqpacket", "#8c564b"},
      {"shm_ring", "#2ca02c"},
      {"shm_ring_wait", "#0b5d1e"},
      {"shm_mq", "#9467bd"},
      {"shm_handoff", "#e377c2"},
      {"thread", "#3182bd"},
      {"fork", "#843c39"},
      {"vfork", "#7b4173"},
      {"posix_spawn", "#393b79"},
  }};
  for (const auto& [name, colour] : kKnown) {
    if (name == transport) return colour;
  }
  static constexpr std::array<const char*, 8> kOthers{"#393b79", "#8c6d31", "#843c39", "#7b4173",
                                                      "#637939", "#3182bd", "#e6550d", "#31a354"};
  // FNV-1a rather than std::hash: the same name must get the same colour on every build.
  std::uint32_t h = 2166136261u;
  for (unsigned char c : transport) h = (h ^ c) * 16777619u;
  return kOthers[h % kOthers.size()];
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
