#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "json_fields.hpp"
#include "readers.hpp"

namespace tvp::gbjson::detail {
namespace {

// Keys with a meaning of their own; every other key of an entry is a counter. The complexity keys
// (big_o, *_coefficient, rms) are listed so a report using them reads, not so they are surfaced.
constexpr std::array<std::string_view, 21> kEntryKeys = {"name",
                                                         "family_index",
                                                         "per_family_instance_index",
                                                         "run_name",
                                                         "run_type",
                                                         "repetitions",
                                                         "repetition_index",
                                                         "threads",
                                                         "aggregate_name",
                                                         "aggregate_unit",
                                                         "error_occurred",
                                                         "error_message",
                                                         "iterations",
                                                         "real_time",
                                                         "cpu_time",
                                                         "time_unit",
                                                         "label",
                                                         "big_o",
                                                         "cpu_coefficient",
                                                         "real_coefficient",
                                                         "rms"};

bool is_entry_key(std::string_view key) {
  return std::ranges::find(kEntryKeys, key) != kEntryKeys.end();
}

RunType read_run_type(const Fields& fields) {
  const std::string run_type = fields.string("run_type");
  if (run_type == "iteration") return RunType::iteration;
  if (run_type == "aggregate") return RunType::aggregate;
  fields.fail(ErrorKind::bad_field,
              "run_type \"" + shorten(run_type) + "\" is neither \"iteration\" nor \"aggregate\"");
}

}  // namespace

Entry read_entry(const nlohmann::json& entry, const std::string& path, std::size_t index,
                 Naming naming) {
  std::string where = "benchmarks[" + std::to_string(index) + "]";
  if (!entry.is_object()) {
    throw Error(ErrorKind::bad_field, path,
                where + ": must be an object, found " + std::string(entry.type_name()));
  }
  // The name comes first so every later message can say which benchmark is broken.
  const Fields fields(entry, path, where);
  Entry out;
  out.name = fields.string("name");
  where += " \"" + shorten(out.name) + "\"";

  out.run_name = fields.string("run_name");
  out.run_type = read_run_type(fields);
  if (out.run_type == RunType::aggregate) {
    out.aggregate_name = fields.string("aggregate_name");
    out.aggregate_unit = fields.optional_string("aggregate_unit");
  } else {
    out.repetition_index = fields.integer("repetition_index");
  }
  out.repetitions = fields.integer("repetitions");
  out.threads = fields.optional_integer("threads", 1);
  out.error_occurred = fields.optional_boolean("error_occurred");
  out.error_message = fields.optional_string("error_message");
  out.label = fields.optional_string("label");
  out.iterations = fields.integer("iterations");
  out.real_time = fields.number_or_nan("real_time");
  out.cpu_time = fields.number_or_nan("cpu_time");
  out.time_unit = fields.string("time_unit");

  const std::optional<double> scale = ns_per_unit(out.time_unit);
  if (!scale) {
    fields.fail(ErrorKind::unknown_time_unit,
                "unknown time_unit \"" + shorten(out.time_unit) + "\" (expected ns, us, ms or s)");
  }
  // A percentage aggregate holds a plain ratio, whatever time_unit says.
  out.real_time_ns = out.holds_ratio() ? NAN : out.real_time * *scale;
  out.cpu_time_ns = out.holds_ratio() ? NAN : out.cpu_time * *scale;

  for (const auto& [key, value] : entry.items()) {
    if (is_entry_key(key)) continue;
    const std::optional<double> number = as_number(value);
    if (!number) {
      fields.fail(ErrorKind::bad_field,
                  "counter \"" + shorten(key) + "\" must be a number, found " + value.type_name());
    }
    out.counters[key] = *number;
  }

  check_ratio_row(out, fields);

  out.parsed_name = parse_benchmark_name(out.run_name);
  if (naming == Naming::strict && !out.parsed_name) {
    fields.fail(ErrorKind::bad_name,
                "run_name \"" + shorten(out.run_name) +
                    "\" does not fit <family>/<transport>/<model>/<placement>/<bytes>[/...]");
  }
  return out;
}

}  // namespace tvp::gbjson::detail
