// Soak: every transport x model carries a long windowed echo of mixed sizes (mostly small, every
// 16th 4 KiB, every 64th up to 64 KiB), each message verified on both sides, with zero loss or
// corruption and nothing leaked. TVP_SOAK_MESSAGES sets the length (default 20000: the short CI
// version; the `soak` label runs 1,000,000).
#include <gtest/gtest.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "resource_snapshot.hpp"
#include "tvp/echo.hpp"
#include "tvp/peer.hpp"
#include "tvp/transport.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMaxBytes = 65536;
// 8 in flight: small messages overlap; at most 8 x 64 KiB per direction is within every transport's
// sane buffer, so the echo cannot deadlock on a full buffer in both directions.
constexpr std::size_t kWindow = 8;

// The size of message `seq`: deterministic, so the peer knows what to expect.
std::size_t size_of(std::uint64_t seq) {
  if (seq % 64 == 63) return kMaxBytes - (seq / 64 % 8) * 4099;
  if (seq % 16 == 15) return 4096;
  return 1 + static_cast<std::size_t>((seq * 2654435761u) % 512);
}

std::uint64_t soak_messages() {
  const char* env = std::getenv("TVP_SOAK_MESSAGES");
  if (!env) return 20'000;
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(env, env + std::strlen(env), n);
  if (ec != std::errc() || *end != '\0' || n == 0)
    throw std::invalid_argument(std::string("TVP_SOAK_MESSAGES: '") + env +
                                "' is not a positive message count");
  return n;
}

struct Case {
  const TransportInfo* transport;
  Model model;
};

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const auto& t : all_transports())
    for (Model m : {Model::thread, Model::process})
      if ((m == Model::thread && t.thread_ok) || (m == Model::process && t.process_ok))
        cases.push_back({&t, m});
  return cases;
}

class SoakTest : public testing::LeakCheckedTest, public ::testing::WithParamInterface<Case> {};

TEST_P(SoakTest, MixedSizesArriveVerifiedWithoutLoss) {
  const std::uint64_t count = soak_messages();
  const auto [transport, model] = GetParam();
  auto ch = transport->make({.max_message_bytes = kMaxBytes, .window = kWindow, .model = model});
  PeerOptions o;
  o.name = std::string(transport->name) + " soak echo";
  o.model = model;
  o.stall_timeout = 10s;
  o.on_failure = [&ch] { ch->abort(); };
  o.in_child = [&ch] { ch->a().detach(); };
  o.in_parent = [&ch] { ch->b().detach(); };
  Peer peer(o, [&](PeerContext& ctx) {
    for (std::uint64_t seq = 0; seq < count; ++seq) {
      receive_message(ch->b(), size_of(seq), seq);
      send_message(ch->b(), size_of(seq), seq);
      ctx.progress();
    }
  });
  const auto t0 = std::chrono::steady_clock::now();
  std::uint64_t sent = 0, received = 0;
  try {
    while (received < count) {
      while (sent < count && sent - received < kWindow) {
        send_message(ch->a(), size_of(sent), sent);
        ++sent;
      }
      receive_message(ch->a(), size_of(received), received);
      ++received;
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << "after " << received << " of " << count << " echoes: " << e.what();
    ch->abort();
  }
  EXPECT_NO_THROW(peer.join());
  EXPECT_EQ(received, count);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  RecordProperty("messages", std::to_string(count));
  RecordProperty("seconds", std::to_string(s));
  std::printf("%s/%s: %llu messages each way in %.1f s\n", std::string(transport->name).c_str(),
              std::string(to_string(model)).c_str(), static_cast<unsigned long long>(count), s);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return std::string(info.param.transport->name) + "_" + std::string(to_string(info.param.model));
}

INSTANTIATE_TEST_SUITE_P(All, SoakTest, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace tvp
