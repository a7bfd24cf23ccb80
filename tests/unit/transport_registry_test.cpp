// The registry's versus column (TransportInfo::versus): the cross-transport comparisons of
// versus_latency/ and versus_throughput/ are read from it. The registry checks the column at
// compile time; these tests hold versus_partners() to the same rules at run time, so a change to
// either is caught.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "tvp/transport.hpp"

namespace tvp {
namespace {

bool shares_a_model(const TransportInfo& a, const TransportInfo& b) {
  return (a.thread_ok && b.thread_ok) || (a.process_ok && b.process_ok);
}

TEST(TransportRegistry, VersusPartnersAreOtherRowsOnceSharingAModel) {
  for (const TransportInfo& t : all_transports()) {
    SCOPED_TRACE(std::string(t.name));
    std::set<std::string_view> seen;
    for (const TransportInfo* p : versus_partners(t)) {
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(find_transport(p->name), p) << "not a row of the registry";
      EXPECT_NE(p, &t) << "compared with itself";
      EXPECT_TRUE(seen.insert(p->name).second) << p->name << " listed twice";
      EXPECT_TRUE(shares_a_model(t, *p)) << p->name << ": no model in common";
      // Listed in one row of the pair only: else each would be measured as the other's inverse.
      const auto back = versus_partners(*p);
      EXPECT_EQ(std::count(back.begin(), back.end(), &t), 0) << p->name << " lists it back";
    }
  }
}

TEST(TransportRegistry, VersusPartnersFollowTheColumnInOrder) {
  for (const TransportInfo& t : all_transports()) {
    std::string joined;
    for (const TransportInfo* p : versus_partners(t))
      joined += (joined.empty() ? "" : ",") + std::string(p->name);
    EXPECT_EQ(joined, t.versus) << t.name;
  }
}

// The comparisons issue 16's findings are quoted from.
TEST(TransportRegistry, Issue16ComparisonsAreDeclared) {
  const auto partners_of = [](std::string_view name) {
    std::set<std::string_view> out;
    const TransportInfo* t = find_transport(name);
    if (t)
      for (const TransportInfo* p : versus_partners(*t)) out.insert(p->name);
    return out;
  };
  EXPECT_EQ(partners_of("memfd_seal"),
            (std::set<std::string_view>{"sharedptr_spsc", "shm_handoff", "shm_ring"}));
  EXPECT_EQ(partners_of("tcp_loopback"), (std::set<std::string_view>{"unix_stream"}));
  EXPECT_EQ(partners_of("cma"), (std::set<std::string_view>{"pipe"}));
}

}  // namespace
}  // namespace tvp
