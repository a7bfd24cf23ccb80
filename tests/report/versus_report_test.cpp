// tvp-report on cross-transport comparisons (tests/fixtures/report/versus.json, a real tvp-bench
// run of versus_latency/memfd_seal/): one "Transport ÷ transport" table per family and placement,
// a row per transport ÷ partner × model with the paired ratio and its interval at each size, and no
// generic chart of the family's own times (they repeat latency/).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "fixture_paths.hpp"
#include "model/dataset.hpp"
#include "sections/sections.hpp"
#include "text/ratio_text.hpp"

namespace tvp::report {
namespace {

using test::report_fixture;

const Section* find_section(const std::vector<Section>& sections, const std::string& id) {
  for (const Section& s : sections)
    if (s.id == id) return &s;
  return nullptr;
}

const std::vector<std::string>* find_row(const Table& t, const std::string& first,
                                         const std::string& model) {
  for (const auto& row : t.rows)
    if (row.size() > 1 && row[0] == first && row[1] == model) return &row;
  return nullptr;
}

TEST(VersusReport, RatiosToEachPartnerAreOneTableBySize) {
  const Dataset data = load_dataset({report_fixture("versus.json")}, {});
  const std::vector<Section> sections = build_sections(data, {});
  const Section* s = find_section(sections, "transport-vs-transport");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->tables.size(), 1u);  // versus_latency at cross_core
  const Table& t = s->tables.front();
  EXPECT_EQ(t.columns, (std::vector<std::string>{"transport ÷ partner", "model", "8 B", "4 KiB"}));
  // sharedptr_spsc has no process model: it is a partner in the thread model only.
  for (const char* partner : {"shm_handoff", "shm_ring"})
    for (const char* model : {"thread", "process"}) {
      const auto* row = find_row(t, std::string("memfd_seal ÷ ") + partner, model);
      ASSERT_NE(row, nullptr) << partner << " " << model;
      for (std::size_t i = 2; i < row->size(); ++i)
        EXPECT_NE((*row)[i].find("× ["), std::string::npos) << (*row)[i];
    }
  EXPECT_NE(find_row(t, "memfd_seal ÷ sharedptr_spsc", "thread"), nullptr);
  EXPECT_EQ(find_row(t, "memfd_seal ÷ sharedptr_spsc", "process"), nullptr);
  EXPECT_EQ(t.rows.size(), 5u);
  // The family's own times repeat latency/: no generic section for it.
  EXPECT_EQ(find_section(sections, "family-versus_latency"), nullptr);
}

TEST(VersusReport, PartnerKindsReadAsDivisions) {
  EXPECT_EQ(ratio_kind_text("ratio_to_shm_ring"), "÷ shm_ring");
  EXPECT_EQ(ratio_kind_text("ratio_to_thread"), "process ÷ thread");
}

}  // namespace
}  // namespace tvp::report
