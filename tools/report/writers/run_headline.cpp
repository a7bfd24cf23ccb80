#include "writers/run_headline.hpp"

#include <array>
#include <cmath>
#include <string_view>

#include "text/units.hpp"

namespace tvp::report {

std::string run_headline(const Run& run) {
  const gbjson::Context& c = run.context;
  std::string out = "host " + c.host_name + ", " + std::to_string(c.num_cpus) + " CPUs";
  if (std::isfinite(c.mhz_per_cpu) && c.mhz_per_cpu > 0) {
    out += " @ " + format_significant(c.mhz_per_cpu, 4) + " MHz";
  }
  out += ", " + c.date;
  static constexpr std::array<std::string_view, 7> kTelling{
      "kernel", "cpu", "compiler", "virt", "revision", "commit", "build_type"};
  for (const auto& [key, value] : c.custom) {
    for (std::string_view word : kTelling) {
      if (key.find(word) != std::string::npos) {
        out += ", " + key + ": " + value;
        break;
      }
    }
  }
  return out;
}

}  // namespace tvp::report
