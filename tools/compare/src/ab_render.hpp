// The A/B verdict table: one line per benchmark, its change with the interval, Holm's p, verdict.
#pragma once

#include <ostream>

#include "ab_compare.hpp"

namespace tvp::compare {

void render_ab_text(std::ostream& out, const AbResult& r, const AbOptions& o, std::size_t rounds);
void render_ab_markdown(std::ostream& out, const AbResult& r, const AbOptions& o,
                        std::size_t rounds);

}  // namespace tvp::compare
