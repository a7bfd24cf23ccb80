#include "normalize.hpp"

#include <cmath>
#include <map>
#include <regex>

#include "compare_error.hpp"

namespace tvp::compare {

std::size_t find_reference(const std::vector<Series>& series, const std::string& spec,
                           const std::string& path) {
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].run_name == spec) return i;
  }
  std::regex pattern;
  try {
    pattern = std::regex(spec);
  } catch (const std::regex_error& e) {
    throw CompareError("--normalize-by \"" + spec + "\": invalid regular expression (" + e.what() +
                       ")");
  }
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (std::regex_search(series[i].run_name, pattern)) matches.push_back(i);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    throw CompareError(path + ": --normalize-by \"" + spec + "\" matches no benchmark");
  }
  throw CompareError(path + ": --normalize-by \"" + spec + "\" matches " +
                     std::to_string(matches.size()) + " benchmarks (" +
                     series[matches[0]].run_name + ", " + series[matches[1]].run_name +
                     "...); it must name exactly one");
}

void normalize(std::vector<Series>& series, std::size_t reference, const std::string& metric,
               const std::string& path) {
  const Series ref = series[reference];
  if (ref.failed) {
    throw CompareError(path + ": reference " + ref.run_name + " failed: " + ref.error_message);
  }
  if (ref.values.empty()) {
    throw CompareError(path + ": reference " + ref.run_name + " has no " + metric + " values");
  }
  std::map<std::int64_t, double> by_repetition;
  for (std::size_t i = 0; i < ref.values.size(); ++i) {
    by_repetition[ref.repetitions[i]] = ref.values[i];
  }
  series.erase(series.begin() + static_cast<std::ptrdiff_t>(reference));
  for (Series& s : series) {
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      const auto it = by_repetition.find(s.repetitions[i]);
      if (it == by_repetition.end()) {
        throw CompareError(path + ": reference " + ref.run_name + " has no repetition " +
                           std::to_string(s.repetitions[i]) + " for " + s.run_name);
      }
      if (!std::isfinite(it->second) || it->second == 0) {
        throw CompareError(path + ": reference " + ref.run_name + " repetition " +
                           std::to_string(it->first) + " is " + std::to_string(it->second) +
                           ", cannot divide by it");
      }
      s.values[i] /= it->second;
    }
  }
}

}  // namespace tvp::compare
