// tools/ names no transport: order and colour come from the report's context (tvp_transports,
// tvp_transport_colours, written by tvp-bench from its registry), with first appearance and the
// hashed palette for reports without them. A transport tvp-report has never heard of (zz_new)
// must take the place and the colour its report gives it, in the chart a reader sees.
#include "model/transport_legend.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "charts/chart_style.hpp"
#include "figures/series_style.hpp"
#include "fixture_paths.hpp"
#include "model/dataset.hpp"
#include "model/measurement_groups.hpp"
#include "sections/sections.hpp"
#include "svg_facts.hpp"
#include "writers/report_files.hpp"
#include "file_text.hpp"

namespace tvp::report {
namespace {

namespace fs = std::filesystem;
using test::report_fixture;

gbjson::Context context_with(const std::string& transports, const std::string& colours) {
  gbjson::Context c;
  if (!transports.empty()) c.custom["tvp_transports"] = transports;
  if (!colours.empty()) c.custom["tvp_transport_colours"] = colours;
  return c;
}

TEST(TransportLegend, FirstReportsOrderFirstLaterReportsAppendFirstColourWins) {
  TransportLegend legend;
  legend.add_context(context_with("pipe,shm_ring", "pipe=#d62728,shm_ring=#2ca02c"), "a.json");
  legend.add_context(context_with("shm_ring,zz_new,pipe", "pipe=#000000,zz_new=#123456"), "b.json");
  legend.add_seen("fork");
  legend.add_seen("pipe");
  EXPECT_EQ(legend.names(), (std::vector<std::string>{"pipe", "shm_ring", "zz_new", "fork"}));
  EXPECT_LT(legend.rank("zz_new"), legend.rank("fork"));
  EXPECT_EQ(legend.rank("never_seen"), 4u);  // after every known name
  EXPECT_EQ(legend.colour("pipe"), "#d62728");
  EXPECT_EQ(legend.colour("zz_new"), "#123456");
  EXPECT_EQ(legend.colour("fork"), std::nullopt);
}

TEST(TransportLegend, RefusesAColourThatIsNotRrggbb) {
  for (const char* bad : {"pipe=red", "pipe=#12345", "pipe=#12345g", "pipe", "=#123456",
                          "pipe=#123456\"/><script>"}) {
    TransportLegend legend;
    try {
      legend.add_context(context_with("", bad), "x.json");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("x.json: context tvp_transport_colours: \"", 0), 0u)
          << e.what();
    }
  }
}

TEST(TransportLegend, WithoutContextKeysFirstAppearanceAndHashedColours) {
  // machine-b-repeated.json predates the keys: sharedptr_mutex, pipe, shm_ring, then the spawn
  // kind fork and the floor's cacheline, as they first appear in the file.
  const Dataset d = load_dataset({report_fixture("machine-b-repeated.json")}, {});
  EXPECT_EQ(d.transports.names(),
            (std::vector<std::string>{"sharedptr_mutex", "pipe", "shm_ring", "fork", "cacheline"}));
  EXPECT_EQ(transport_colour(d, "pipe"), hashed_colour("pipe"));
  EXPECT_EQ(transport_colour(d, "fork"), "#843c39");  // a spawn kind: series_style's table
}

TEST(TransportLegend, AReportWithKeysColoursTheOneWithout) {
  const Dataset d = load_dataset(
      {report_fixture("machine-b-repeated.json"), report_fixture("machine-a.json")}, {});
  EXPECT_EQ(transport_colour(d, "pipe"), "#d62728");  // from machine-a's context
  // Listed names first (machine-a's registry order), then names no context lists.
  EXPECT_LT(transport_rank(d, "shm_mq"), transport_rank(d, "fork"));
  EXPECT_LT(transport_rank(d, "pipe"), transport_rank(d, "shm_ring"));
}

TEST(TransportLegend, BadColourInAReportIsAnInputErrorNamingTheFile) {
  try {
    load_dataset({report_fixture("bad_transport_colour.json")}, {});
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad_transport_colour.json: context "
                                         "tvp_transport_colours: \"zz_new=red\" is not "
                                         "name=#rrggbb"),
              std::string::npos)
        << e.what();
  }
}

TEST(TransportLegend, AnUnknownTransportTakesItsContextsPlaceAndColourInTheChart) {
  // pipe comes first in the file; the context lists zz_new first and gives it #123456.
  const Dataset data = load_dataset({report_fixture("new_transport.json")}, {});
  const fs::path dir =
      fs::temp_directory_path() / ("tvp-report-legend-" + std::to_string(::getpid()));
  write_report_files(dir, data, build_sections(data, {}), "2026-01-01 00:00:00 UTC");
  const test::SvgFacts f = test::read_svg(tvp::testing::file_text(dir / "latency-cross_core.svg"));
  fs::remove_all(dir);
  ASSERT_TRUE(f.well_formed) << f.error;
  std::vector<std::string> names, strokes;
  for (const test::SeriesFacts& s : f.series) {
    if (s.reference) continue;
    names.push_back(s.name);
    strokes.push_back(s.stroke);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"zz_new · thread", "zz_new · process", "pipe · thread",
                                             "pipe · process"}));
  EXPECT_EQ(strokes, (std::vector<std::string>{"#123456", "#123456", "#d62728", "#d62728"}));
}

}  // namespace
}  // namespace tvp::report
