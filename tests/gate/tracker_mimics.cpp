#include "tracker_mimics.hpp"

#include <cmath>

namespace tvp::test {

std::vector<TrackerPoint> googlecpp_points(const std::string& text) {
  // nlohmann, like JSON.parse, rejects NaN and Infinity tokens.
  const nlohmann::json doc = nlohmann::json::parse(text);
  std::vector<TrackerPoint> out;
  for (const nlohmann::json& b : doc.at("benchmarks")) {
    // JavaScript would carry any value along; a chart needs a number, so insist on one here.
    out.push_back({b.at("name").get<std::string>(), b.at("real_time").get<double>(),
                   b.at("time_unit").get<std::string>() + "/iter"});
  }
  return out;
}

namespace {

std::optional<double> bencher_ns_per_unit(const std::string& unit) {
  if (unit == "ps") return 1e-3;
  if (unit == "ns") return 1.0;
  if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return std::nullopt;
}

}  // namespace

std::optional<std::map<std::string, double>> bencher_cpp_google(const std::string& text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);  // serde_json rejects NaN/Infinity as well
  } catch (const nlohmann::json::parse_error&) {
    return std::nullopt;
  }
  if (!doc.is_object() || !doc.contains("context") || !doc["context"].is_object() ||
      !doc["context"].contains("caches") || !doc["context"]["caches"].is_array() ||
      !doc.contains("benchmarks") || !doc["benchmarks"].is_array()) {
    return std::nullopt;
  }
  std::map<std::string, double> out;
  for (const nlohmann::json& b : doc["benchmarks"]) {
    if (!b.is_object() || !b.contains("name") || !b["name"].is_string() ||
        !b.contains("real_time") || !b["real_time"].is_number() || !b.contains("time_unit") ||
        !b["time_unit"].is_string()) {
      return std::nullopt;
    }
    const std::string name = b["name"].get<std::string>();
    const double real_time = b["real_time"].get<double>();
    const std::optional<double> scale = bencher_ns_per_unit(b["time_unit"].get<std::string>());
    // BenchmarkName: non-empty, at most 1024 bytes; Decimal::from_f64 fails on non-finite values.
    if (name.empty() || name.size() > 1024 || !std::isfinite(real_time) || !scale) {
      return std::nullopt;
    }
    out[name] = real_time * *scale;  // HashMap::insert: the last of a repeated name wins
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace tvp::test
