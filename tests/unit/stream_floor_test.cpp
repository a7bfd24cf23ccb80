// The streaming floor's own correctness: buffers arrive in order with their content, between
// threads and between processes, and a wait nobody will end is ended by abort().
#include "tvp/stream_floor.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>

#include "resource_snapshot.hpp"
#include "tvp/error.hpp"
#include "tvp/peer.hpp"

namespace tvp {
namespace {

using namespace std::chrono_literals;

class CrossCoreStreamTest : public testing::LeakCheckedTest {};

void stream_between(Model model, std::size_t bytes, std::uint64_t total) {
  CrossCoreStream s(bytes);
  PeerOptions opt;
  opt.name = "stream consumer";
  opt.model = model;
  opt.stall_timeout = 5000ms;
  opt.on_failure = [&s] { s.abort(); };
  std::uint64_t seen = 0;  // counted in the consumer (only checked for threads)
  Peer peer(std::move(opt), [&](PeerContext& ctx) {
    s.consume(total, [&] {
      ++seen;
      ctx.progress();
    });
  });
  s.produce(total / 2);
  s.produce(total - total / 2);
  s.drain();
  EXPECT_NO_THROW(peer.join());
  if (model == Model::thread) {
    EXPECT_EQ(seen, total);
  }
}

// 1001 bytes: whole words and a tail of odd bytes, both in the consumer's check.
TEST_F(CrossCoreStreamTest, BuffersArriveBetweenThreads) { stream_between(Model::thread, 1001, 600); }

TEST_F(CrossCoreStreamTest, BuffersArriveBetweenProcesses) {
  stream_between(Model::process, 64 * 1024, 300);
}

TEST_F(CrossCoreStreamTest, AbortEndsAProducerWaitingForSpace) {
  CrossCoreStream s(64);
  s.produce(2);  // both slots full, nobody reads
  s.abort();
  EXPECT_THROW(s.produce(1), ChannelClosed);
}

TEST_F(CrossCoreStreamTest, AbortEndsAConsumerWaitingForData) {
  CrossCoreStream s(64);
  s.abort();
  EXPECT_THROW(s.consume(1, {}), ChannelClosed);
}

TEST_F(CrossCoreStreamTest, TooSmallBuffersAreRefused) {
  EXPECT_THROW(CrossCoreStream(7), std::invalid_argument);
}

}  // namespace
}  // namespace tvp
