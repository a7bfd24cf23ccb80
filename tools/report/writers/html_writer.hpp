// index.html: every chart inlined, every table, the run context and the generation date in one
// file with no external reference, so it opens offline and can be mailed or archived alone.
#pragma once

#include <string>
#include <vector>

#include "model/dataset.hpp"
#include "figures/section.hpp"

namespace tvp::report {

// The page carries its own render check: on load a small script counts, for each chart, the series
// that have drawn geometry against the count the SVG declares, and writes the verdict into
// <body data-rendered="ok charts=N series=M"> or "FAIL ...", which a headless browser's DOM dump
// shows (tests/report checks it).
std::string html_page(const Dataset& data, const std::vector<Section>& sections,
                      const std::string& generated);

}  // namespace tvp::report
