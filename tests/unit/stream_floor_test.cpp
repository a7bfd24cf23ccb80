// The streaming floor's own correctness: buffers arrive in order with their content, between
// threads and between processes, a buffer that is not what was written is refused, and a wait
// nobody will end is ended by abort().
#include "tvp/stream_floor.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

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
TEST_F(CrossCoreStreamTest, BuffersArriveBetweenThreads) {
  stream_between(Model::thread, 1001, 600);
}

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

// The check a consumer makes on every buffer. 1001 bytes: 125 words and a tail of one byte.
TEST(StreamBufferCheck, AcceptsWhatWasWritten) {
  std::vector<std::byte> b(1001);
  for (std::uint64_t seq : {0ull, 1ull, 255ull, 256ull, 1ull << 40}) {
    fill_stream_buffer(b, seq);
    EXPECT_NO_THROW(check_stream_buffer(b, seq)) << "buffer " << seq;
  }
}

TEST(StreamBufferCheck, RefusesOneWrongBitAnywhere) {
  std::vector<std::byte> b(1001);
  fill_stream_buffer(b, 7);
  for (std::size_t at :
       {std::size_t{0}, std::size_t{3}, std::size_t{500}, std::size_t{510}, std::size_t{999},
        std::size_t{1000}}) {  // first word, both halves of a pair, the odd last word, the tail
    b[at] ^= std::byte{0x10};
    EXPECT_THROW(check_stream_buffer(b, 7), VerifyError) << "byte " << at;
    b[at] ^= std::byte{0x10};
  }
  EXPECT_NO_THROW(check_stream_buffer(b, 7));
}

// What the old XOR of the words let through: an even number of equal words XORs to 0, so an
// all-zero buffer, or any buffer of an even count of one repeated word, passed.
TEST(StreamBufferCheck, RefusesWhatAnXorOfTheWordsPassed) {
  std::vector<std::byte> b(64, std::byte{0});
  EXPECT_THROW(check_stream_buffer(b, 2), VerifyError);
  std::vector<std::byte> same(64, std::byte{2});  // the old pattern of buffer 2
  EXPECT_THROW(check_stream_buffer(same, 2), VerifyError);
}

// A stale buffer (the slot's previous one, two sequence numbers back) and two swapped words.
TEST(StreamBufferCheck, RefusesAStaleOrReorderedBuffer) {
  std::vector<std::byte> b(4096);
  fill_stream_buffer(b, 40);
  EXPECT_THROW(check_stream_buffer(b, 42), VerifyError);
  std::vector<std::byte> word(8);
  std::memcpy(word.data(), b.data() + 8, 8);
  std::memcpy(b.data() + 8, b.data() + 16, 8);
  std::memcpy(b.data() + 16, word.data(), 8);
  try {
    check_stream_buffer(b, 40);
    ADD_FAILURE() << "two swapped words passed the check";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find("buffer 40 (4096 bytes)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("word 1 of 512"), std::string::npos) << e.what();
  }
}

TEST_F(CrossCoreStreamTest, TooSmallBuffersAreRefused) {
  EXPECT_THROW(CrossCoreStream(7), std::invalid_argument);
}

}  // namespace
}  // namespace tvp
