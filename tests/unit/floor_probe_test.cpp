// Sanity of the floor probes (positive, finite, correct protocol), never their speed: the machine
// running the tests is shared, so any timing threshold would be a flaky test.
#include "tvp/floor_probe.hpp"

#include <gtest/gtest.h>

#include <boost/interprocess/anonymous_shared_memory.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <chrono>
#include <cmath>
#include <new>

#include "resource_snapshot.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"
#include "tvp/placement.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;
using testing::LeakCheckedTest;

class FloorProbeTest : public LeakCheckedTest {};

void expect_sane(double v) {
  EXPECT_TRUE(std::isfinite(v)) << v;
  EXPECT_GT(v, 0.0);
}

TEST_F(FloorProbeTest, CachelineRoundTripCrossCore) {
  if (allowed_cpu_count() < 2) GTEST_SKIP() << "needs 2 CPUs";
  const auto [a, b] = cpus_for(Placement::cross_core);
  expect_sane(cacheline_roundtrip_ns(a, b));
}

TEST_F(FloorProbeTest, CachelineRoundTripSameCore) {
  const auto [a, b] = cpus_for(Placement::same_core);
  expect_sane(cacheline_roundtrip_ns(a, b));
}

TEST_F(FloorProbeTest, CachelineRoundTripUnpinned) { expect_sane(cacheline_roundtrip_ns(-1, -1)); }

TEST_F(FloorProbeTest, ProbeRestoresTheCallersAffinity) {
  cpu_set_t before, after;
  ASSERT_EQ(pthread_getaffinity_np(pthread_self(), sizeof(before), &before), 0);
  (void)cacheline_roundtrip_ns(cpus_for(Placement::same_core).first, -1);
  ASSERT_EQ(pthread_getaffinity_np(pthread_self(), sizeof(after), &after), 0);
  EXPECT_TRUE(CPU_EQUAL(&before, &after));
}

TEST_F(FloorProbeTest, MemcpyBandwidth) {
  expect_sane(memcpy_bytes_per_second(4096));
  expect_sane(memcpy_bytes_per_second(1 << 20));
  expect_sane(memcpy_bytes_per_second(1));
}

TEST_F(FloorProbeTest, MemAvailableIsReadable) {
  const auto m = mem_available_bytes();
  ASSERT_TRUE(m.has_value());
  EXPECT_GT(*m, 0u);
}

// The process-model floor bounces the line(s) through MAP_SHARED memory to a fork()ed responder.
void ping_pong_across_processes(CachelinePingPong::Lines lines) {
  namespace bip = boost::interprocess;
  bip::mapped_region region = bip::anonymous_shared_memory(sizeof(CachelinePingPong));
  auto* line = new (region.get_address()) CachelinePingPong(lines);
  PeerOptions opt;
  opt.name = "responder";
  opt.model = Model::process;
  opt.stall_timeout = 5000ms;
  opt.on_failure = [line] { line->abort(); };
  Peer peer(std::move(opt), [line](PeerContext& ctx) { line->serve([&] { ctx.progress(); }); });
  line->ping(5000);
  line->ping(1);
  line->stop();
  EXPECT_NO_THROW(peer.join());
  line->~CachelinePingPong();
}

TEST_F(FloorProbeTest, PingPongAcrossProcesses) {
  ping_pong_across_processes(CachelinePingPong::Lines::one);
}

TEST_F(FloorProbeTest, LinePerDirectionPingPongAcrossProcesses) {
  ping_pong_across_processes(CachelinePingPong::Lines::per_direction);
}

// Many short ping() calls in a row: each must start from the answer the last one left behind.
TEST_F(FloorProbeTest, LinePerDirectionPingPongBetweenThreads) {
  CachelinePingPong line(CachelinePingPong::Lines::per_direction);
  PeerOptions opt;
  opt.name = "responder";
  opt.stall_timeout = 5000ms;
  opt.on_failure = [&line] { line.abort(); };
  Peer peer(std::move(opt), [&line](PeerContext& ctx) { line.serve([&] { ctx.progress(); }); });
  for (int i = 0; i < 1000; ++i) line.ping(3);
  line.stop();
  EXPECT_NO_THROW(peer.join());
}

TEST_F(FloorProbeTest, LinePerDirectionPingAfterStopIsRefused) {
  CachelinePingPong line(CachelinePingPong::Lines::per_direction);
  line.stop();
  EXPECT_THROW(line.ping(1), VerifyError);
}

TEST_F(FloorProbeTest, AbortEndsAWaitThatNoOneAnswers) {
  CachelinePingPong line;
  line.abort();
  EXPECT_THROW(line.ping(1), ChannelClosed);
}

TEST_F(FloorProbeTest, PingAfterStopIsRefused) {
  CachelinePingPong line;
  line.stop();
  EXPECT_THROW(line.ping(1), VerifyError);
}

TEST_F(FloorProbeTest, ResponderStopsOnRequest) {
  CachelinePingPong line;
  line.stop();
  EXPECT_NO_THROW(line.serve({}));
}

}  // namespace
}  // namespace tvp
