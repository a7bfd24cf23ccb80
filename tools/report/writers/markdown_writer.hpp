// summary.md: the key tables and the charts as relative image links, for a README, a CI job
// summary or any Markdown viewer opened in the output folder.
#pragma once

#include <string>
#include <vector>

#include "model/dataset.hpp"
#include "figures/section.hpp"

namespace tvp::report {

// `generated` is the generation time as text (UTC). Chart images are linked as "<id>.svg".
std::string markdown_summary(const Dataset& data, const std::vector<Section>& sections,
                             const std::string& generated);

}  // namespace tvp::report
