// The visual vocabulary shared by every chart, so one transport has one colour everywhere and a
// reader learns the code once: colour = transport, line style = model, marker shape = input report.
#pragma once

#include <string>
#include <string_view>

namespace tvp::report {

// A fixed colour for each known transport (Tableau-like, distinguishable in print); unknown names
// (a transport or spawn kind added later) get a stable colour from a hash of the name.
std::string colour_for(std::string_view transport);

// Solid for thread, dashed for process, dotted for anything else. Empty string = solid.
std::string dash_for_model(std::string_view model);

// Reference lines (the floor) are grey so they never compete with a transport's colour.
inline constexpr const char* kReferenceColour = "#6b6b6b";

// Marker shapes told apart by input report when several are overlaid.
enum class Marker { circle, square, triangle, diamond, cross };
Marker marker_for_run(std::size_t run_index);

}  // namespace tvp::report

namespace tvp::report {

// Bar colours when bars stand for input reports (comparison), in --label order.
std::string colour_for_run(std::size_t run_index);

}  // namespace tvp::report
