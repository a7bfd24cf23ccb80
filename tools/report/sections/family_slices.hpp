// What every section about one family starts from: the family's measurements in every report and,
// per placement in reading order, those measurements and their lines in the reports' transport
// order. The builders used to open with the same eight lines to get there; here they are once.
#pragma once

#include <string>
#include <vector>

#include "model/dataset.hpp"
#include "model/measurement_groups.hpp"

namespace tvp::report {

struct PlacementSlice {
  std::string placement;
  Measurements measurements;  // the family's, at this placement, in report then file order
  std::vector<Line> lines;    // lines_of(measurements)
};

struct FamilySlices {
  Measurements all;                          // every report's, in report then file order
  std::vector<PlacementSlice> by_placement;  // placements_of(all) order

  // No measurement: the builder returns its section as it is (empty, so dropped).
  bool empty() const { return all.empty(); }
};

FamilySlices family_slices(const Dataset& data, const std::string& family);

}  // namespace tvp::report
