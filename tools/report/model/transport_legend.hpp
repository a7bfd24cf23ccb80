// Which transports the reports name, in what reading order and with what colour. tvp-bench writes
// both from its registry into each report's context (tvp_transports: the names in row order;
// tvp_transport_colours: "name=#rrggbb,..." in row order), so tvp-report keeps no list of its
// own and a transport added to the registry reaches every chart and table with no change here.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tvp/gbjson.hpp"

namespace tvp::report {

class TransportLegend {
 public:
  // Adds the names and colours of one report's context (tvp_transports, tvp_transport_colours),
  // after those of reports added before: the first report's order comes first, a later report
  // only appends the names it adds, and a name keeps the first colour it was given.
  // Throws InputError "<path>: context tvp_transport_colours: ..." for an entry that is not
  // name=#rrggbb (it would be written into SVG attributes unchecked).
  void add_context(const gbjson::Context& context, const std::string& path);
  // Adds a name found in a benchmark name but listed by no context (reports older than the keys,
  // spawn kinds, sync primitives, floor kinds), after every name met so far: first appearance.
  void add_seen(const std::string& name);

  // Position in reading order; names never added come after every added one (callers break the
  // tie by name).
  std::size_t rank(std::string_view name) const;
  // "#rrggbb" as a report's context gave it; nullopt when none did.
  std::optional<std::string> colour(std::string_view name) const;
  const std::vector<std::string>& names() const { return order_; }

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::string, std::less<>> colours_;
};

}  // namespace tvp::report
