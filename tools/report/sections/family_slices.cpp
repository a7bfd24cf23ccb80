#include "sections/family_slices.hpp"

namespace tvp::report {

FamilySlices family_slices(const Dataset& data, const std::string& family) {
  FamilySlices out;
  out.all = data.family(family);
  for (const std::string& placement : placements_of(out.all)) {
    Measurements here = with_placement(out.all, placement);
    std::vector<Line> lines = lines_of(data, here);
    out.by_placement.push_back({placement, std::move(here), std::move(lines)});
  }
  return out;
}

}  // namespace tvp::report
