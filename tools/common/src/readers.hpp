// The two halves of a Google Benchmark report, each validated into its struct. Internal.
#pragma once

#include "tvp/gbjson.hpp"

namespace tvp::gbjson::detail {

class Fields;

// REQUIRES: context.is_object().
Context read_context(const nlohmann::json& context, const std::string& path);

// `index` is the entry's position in "benchmarks", used in error messages.
Entry read_entry(const nlohmann::json& entry, const std::string& path, std::size_t index,
                 Naming naming);

// For a paired ratio row (aggregate_name "ratio_to_..."): throws bad_field unless aggregate_unit
// is "percentage" and the ci_low and ci_high counters are present. Any other entry passes.
void check_ratio_row(const Entry& entry, const Fields& fields);

}  // namespace tvp::gbjson::detail
