// Output of tvp-compare: an aligned table for a terminal, or GitHub-flavoured Markdown for a CI job
// summary. Both come from the same cells so they cannot disagree.
#pragma once

#include <ostream>
#include <vector>

#include "compare.hpp"

namespace tvp::compare {

void render_text(std::ostream& out, const std::vector<MetricComparison>& tables,
                 const CompareOptions& options);
void render_markdown(std::ostream& out, const std::vector<MetricComparison>& tables,
                     const CompareOptions& options);

}  // namespace tvp::compare
