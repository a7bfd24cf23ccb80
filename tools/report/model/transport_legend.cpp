#include "model/transport_legend.hpp"

#include <algorithm>
#include <cctype>

#include "model/dataset.hpp"

namespace tvp::report {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Exactly "#rrggbb": anything else would reach an SVG fill attribute as written.
bool is_hex_colour(std::string_view c) {
  return c.size() == 7 && c[0] == '#' &&
         std::all_of(c.begin() + 1, c.end(), [](unsigned char ch) { return std::isxdigit(ch); });
}

}  // namespace

void TransportLegend::add_context(const gbjson::Context& context, const std::string& path) {
  if (const auto it = context.custom.find("tvp_transports"); it != context.custom.end()) {
    for (const std::string& name : split(it->second, ',')) add_seen(name);
  }
  const auto it = context.custom.find("tvp_transport_colours");
  if (it == context.custom.end()) return;
  for (const std::string& entry : split(it->second, ',')) {
    const std::size_t eq = entry.find('=');
    const std::string name = entry.substr(0, eq);
    const std::string colour = eq == std::string::npos ? "" : entry.substr(eq + 1);
    if (name.empty() || !is_hex_colour(colour)) {
      throw InputError(path + ": context tvp_transport_colours: \"" + entry +
                       "\" is not name=#rrggbb");
    }
    add_seen(name);
    colours_.try_emplace(name, colour);
  }
}

void TransportLegend::add_seen(const std::string& name) {
  if (std::find(order_.begin(), order_.end(), name) == order_.end()) order_.push_back(name);
}

std::size_t TransportLegend::rank(std::string_view name) const {
  return static_cast<std::size_t>(std::find(order_.begin(), order_.end(), name) - order_.begin());
}

std::optional<std::string> TransportLegend::colour(std::string_view name) const {
  const auto it = colours_.find(name);
  if (it == colours_.end()) return std::nullopt;
  return it->second;
}

}  // namespace tvp::report
