// Benchmark names and time units: the two pieces of a Google Benchmark entry that need more than a
// type check before a tool can use them.
#include <charconv>

#include "tvp/gbjson.hpp"

namespace tvp::gbjson {

std::optional<BenchmarkName> parse_benchmark_name(std::string_view run_name) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = run_name.find('/', start);
    const std::string_view field = run_name.substr(start, slash - start);
    if (field.empty()) return std::nullopt;
    fields.push_back(field);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (fields.size() < 5) return std::nullopt;

  const std::string_view bytes = fields[4];
  BenchmarkName name;
  // from_chars alone accepts a leading '-' for signed types only; for uint64 it rejects it, and we
  // also insist the whole field is consumed so "64k" or "1e3" do not pass as 64 and 1.
  const auto [end, ec] = std::from_chars(bytes.data(), bytes.data() + bytes.size(), name.bytes);
  if (ec != std::errc() || end != bytes.data() + bytes.size()) return std::nullopt;

  name.family = fields[0];
  name.transport = fields[1];
  name.model = fields[2];
  name.placement = fields[3];
  for (std::size_t i = 5; i < fields.size(); ++i) name.suffixes.emplace_back(fields[i]);
  return name;
}

std::string BenchmarkName::key() const {
  return family + '/' + transport + '/' + model + '/' + placement + '/' + std::to_string(bytes);
}

std::optional<double> ns_per_unit(std::string_view unit) {
  if (unit == "ns") return 1.0;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return std::nullopt;
}

}  // namespace tvp::gbjson
