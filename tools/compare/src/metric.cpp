#include "metric.hpp"

#include <string_view>

namespace tvp::compare {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

Metric make_metric(const std::string& name) {
  Metric m;
  m.name = name;
  m.is_time = name == "real_time" || name == "cpu_time";
  m.nanoseconds = m.is_time || ends_with(name, "_ns");
  m.higher_is_better = !m.is_time && (ends_with(name, "_per_s") || ends_with(name, "per_second"));
  return m;
}

}  // namespace tvp::compare
