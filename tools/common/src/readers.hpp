// The two halves of a Google Benchmark report, each validated into its struct. Internal.
#pragma once

#include "tvp/gbjson.hpp"

namespace tvp::gbjson::detail {

// REQUIRES: context.is_object().
Context read_context(const nlohmann::json& context, const std::string& path);

// `index` is the entry's position in "benchmarks", used in error messages.
Entry read_entry(const nlohmann::json& entry, const std::string& path, std::size_t index,
                 Naming naming);

}  // namespace tvp::gbjson::detail
