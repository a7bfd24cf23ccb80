#include "tvp/payload.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "tvp/error.hpp"

namespace tvp {
namespace {

std::vector<std::byte> canonical(std::size_t n, std::uint64_t seq) {
  std::vector<std::byte> v(n);
  fill_payload(v, seq);
  return v;
}

class PayloadSizes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(PayloadSizes, RoundTripsAndDetectsEveryKindOfDamage) {
  const std::size_t n = GetParam();
  auto msg = canonical(n, 42);
  EXPECT_TRUE(payload_ok(msg, 42, n));
  EXPECT_NO_THROW(verify_payload(msg, 42, n));
  // Wrong sequence (loss or reordering) is caught at every size, even 1 byte.
  EXPECT_FALSE(payload_ok(msg, 43, n));
  EXPECT_THROW(verify_payload(msg, 43, n), VerifyError);
  // Truncation.
  if (n > 1) {
    EXPECT_FALSE(payload_ok(std::span(msg).first(n - 1), 42, n));
  }
  // A single flipped bit anywhere: first, middle, last byte.
  for (std::size_t at : {std::size_t{0}, n / 2, n - 1}) {
    auto bad = msg;
    bad[at] ^= std::byte{0x10};
    EXPECT_FALSE(payload_ok(bad, 42, n)) << "flip at " << at;
    EXPECT_THROW(verify_payload(bad, 42, n), VerifyError);
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, PayloadSizes,
                         ::testing::Values(1, 7, 8, 23, 24, 25, 31, 64, 4096, 65537, 1 << 20));

TEST(Payload, HeaderChecksumMatchesTheBody) {
  auto msg = canonical(1000, 7);
  std::uint64_t stored;
  std::memcpy(&stored, msg.data() + 16, 8);
  EXPECT_EQ(stored, payload_checksum(std::span(msg).subspan(kPayloadHeaderBytes)));
}

TEST(Payload, ErrorMessageNamesTheCause) {
  auto msg = canonical(4096, 5);
  try {
    verify_payload(msg, 6, 4096);
    FAIL() << "no throw";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find("sequence 5"), std::string::npos) << e.what();
  }
  msg[3000] ^= std::byte{1};
  try {
    verify_payload(msg, 5, 4096);
    FAIL() << "no throw";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find("offset 3000"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace tvp
