// --normalize-by: express each benchmark as a ratio to a reference benchmark of the same run
// (e.g. floor/memcpy/...), repetition by repetition, so a uniformly slower or busier machine
// cancels out instead of reading as a regression.
#pragma once

#include <string>
#include <vector>

#include "series.hpp"

namespace tvp::compare {

// Index in `series` of the reference: the run_name equal to `spec`, otherwise the only run_name
// the ECMAScript regex `spec` matches anywhere. `path` names the file in errors.
// Throws CompareError for an invalid regex, no match, or several matches.
std::size_t find_reference(const std::vector<Series>& series, const std::string& spec,
                           const std::string& path);

// Divides each value of every other series by the reference's value with the same
// repetition_index, then removes the reference from `series` (its ratios would all be 1).
// Throws CompareError if the reference failed, lacks the metric, has a missing, zero or non-finite
// value where a benchmark needs one.
void normalize(std::vector<Series>& series, std::size_t reference, const std::string& metric,
               const std::string& path);

}  // namespace tvp::compare
