// Dedicated views of the families whose names carry an extra key:value field (openloop rate_pct,
// scaling pairs, structured codec) or whose point is a comparison of variants at one size
// (ownership). Described as data, drawn by one section builder with the field_charts writers.
#pragma once

#include <string>
#include <vector>

#include "figures/field_charts.hpp"
#include "figures/section.hpp"

namespace tvp::report {

struct FamilyView {
  std::string family;
  std::string field;  // the name field along x, or across bars; "" = none
  bool bars = false;  // one bar per field value (codec), instead of lines along the field
  std::vector<CounterView> charts;  // one chart per counter, per placement × size
  std::vector<CounterView> table;   // table columns, one row per line
  std::string intro;
};

// The dedicated view of `family`, nullptr when it has none.
const FamilyView* family_view(const std::string& family);

// True when every measurement of the family fits the view (carries its field): older reports
// whose names lack the field get the generic view instead of a chart with nothing along x.
bool view_fits(const Dataset& data, const FamilyView& view);

Section family_view_section(const Dataset& data, const FamilyView& view);

}  // namespace tvp::report
