#include <algorithm>
#include <array>
#include <string_view>

#include "json_fields.hpp"
#include "readers.hpp"

namespace tvp::gbjson::detail {
namespace {

// Keys Google Benchmark writes itself (1.7.1, plus two that later versions add); anything else in
// "context" came from benchmark::AddCustomContext.
constexpr std::array<std::string_view, 11> kStandardKeys = {"date",
                                                            "host_name",
                                                            "executable",
                                                            "num_cpus",
                                                            "mhz_per_cpu",
                                                            "cpu_scaling_enabled",
                                                            "caches",
                                                            "load_avg",
                                                            "library_build_type",
                                                            "library_version",
                                                            "json_schema_version"};

bool is_standard(std::string_view key) {
  return std::ranges::find(kStandardKeys, key) != kStandardKeys.end();
}

}  // namespace

Context read_context(const nlohmann::json& context, const std::string& path) {
  const std::string where = "context";
  const Fields fields(context, path, where);
  Context out;
  out.date = fields.string("date");
  out.host_name = fields.string("host_name");
  out.executable = fields.optional_string("executable");
  out.num_cpus = fields.integer("num_cpus");
  out.mhz_per_cpu = fields.number_or_nan("mhz_per_cpu");
  for (const auto& [key, value] : context.items()) {
    if (is_standard(key)) continue;
    out.custom[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  out.raw = context;
  return out;
}

}  // namespace tvp::gbjson::detail
