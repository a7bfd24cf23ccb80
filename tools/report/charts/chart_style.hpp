// The visual vocabulary shared by every chart, so one transport has one colour everywhere and a
// reader learns the code once: colour = transport, line style = model, marker shape = input report.
// Which colour a transport has is the report's to say (figures/series_style); this file only holds
// what needs no knowledge of the reports.
#pragma once

#include <string>
#include <string_view>

namespace tvp::report {

// A stable colour for a name nobody gave one (a report older than tvp_transport_colours, a sync
// primitive, a codec): one of eight dark colours, chosen by a hash of the name, so the same name
// looks the same in every chart, every report and every build.
std::string hashed_colour(std::string_view name);

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
