// The shared-memory byte ring under the transports shm_ring and shm_ring_wait: framing across the
// wrap, in-place views, chunked streaming of messages larger than the ring (including exactly the
// ring size), malformed frames, headers signalled in band (stale bytes of older laps never read as
// a frame), reserve()/commit() in place, and abort() reaching a side that waits -- also one asleep
// on the futex in another process.
#include "queues/spsc_byte_ring.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <new>
#include <thread>
#include <vector>

#include "shm/ring_channel.hpp"
#include "tvp/sync/wait_policy.hpp"
#include "resource_snapshot.hpp"
#include "shm_background_thread.hpp"
#include "tvp/error.hpp"
#include "tvp/payload.hpp"
#include "tvp/peer.hpp"

namespace tvp::shm {
namespace {

using queues::ByteRingReader;
using queues::ByteRingWriter;
using queues::SpscIndices;
using queues::wake_all;
using sync::AbortFlag;
using sync::FutexWait;
using sync::SpinYieldWait;
namespace ring = queues::ring;

using namespace std::chrono_literals;
constexpr const char* kWhat = "test-ring";
constexpr std::size_t kCap = ring::kMinCapacity;  // 64 KiB

template <class Wait>
struct TestRing {
  struct Shared {
    AbortFlag aborted;
    SpscIndices<Wait> idx;
  };
  static constexpr std::size_t kStorageAt = round_up(sizeof(Shared), kPageBytes);

  // `garbage`: a byte the storage is filled with before the writer exists, standing for whatever
  // older laps left there (0 = a fresh mapping).
  TestRing(std::size_t capacity, std::size_t max_message, unsigned char garbage = 0)
      : region(kStorageAt + capacity),
        shared(new (region.data()) Shared()),
        storage((std::memset(region.data() + kStorageAt, garbage, capacity),
                 std::span<std::byte>(region.data() + kStorageAt, capacity))),
        writer(shared->idx, storage, shared->aborted, kWhat),
        reader(shared->idx, storage, max_message, shared->aborted, kWhat) {}

  void abort() noexcept {
    shared->aborted.raise();
    wake_all(shared->idx);
  }
  bool in_ring(std::span<const std::byte> v) const {
    return v.data() >= storage.data() && v.data() + v.size() <= storage.data() + storage.size();
  }
  void write(std::size_t bytes, std::uint64_t seq) {
    std::vector<std::byte> msg(bytes);
    fill_payload(msg, seq);
    writer.write(msg);
  }
  // Reads one message, verifies it is (seq, bytes), releases it; returns whether it was in place.
  bool read(std::size_t bytes, std::uint64_t seq) {
    const auto msg = reader.read();
    verify_payload(msg, seq, bytes);
    const bool in_place = in_ring(msg);
    reader.release();
    return in_place;
  }

  ShmRegion region;
  Shared* shared;
  std::span<std::byte> storage;
  ByteRingWriter<Wait> writer;
  ByteRingReader<Wait> reader;
};

template <class Wait>
class ByteRingTest : public testing::LeakCheckedTest {};
using Policies = ::testing::Types<SpinYieldWait, FutexWait>;
TYPED_TEST_SUITE(ByteRingTest, Policies);

TYPED_TEST(ByteRingTest, WrapsManyTimesWithEveryFittingMessageReadInPlace) {
  TestRing<TypeParam> r(kCap, kCap);
  // Odd sizes make frames end everywhere, so the wrap needs pad frames at many offsets.
  const std::size_t sizes[] = {1, 7, 24, 100, 999, 4096, 12'345, 30'000};
  std::uint64_t seq = 0, total = 0;
  while (total < 40 * kCap) {
    for (std::size_t burst = 1; burst <= 3; ++burst) {  // 1..3 messages in flight
      std::vector<std::size_t> in_flight;
      for (std::size_t i = 0; i < burst; ++i) {
        in_flight.push_back(sizes[(seq + i) % std::size(sizes)]);
        if (in_flight.back() > 10'000 && burst > 1) in_flight.back() = 5'000;  // must all fit
        r.write(in_flight.back(), seq + i);
      }
      for (std::size_t i = 0; i < burst; ++i) {
        EXPECT_TRUE(r.read(in_flight[i], seq + i)) << "message " << seq + i << " was copied";
        total += in_flight[i];
      }
      seq += burst;
    }
  }
}

TYPED_TEST(ByteRingTest, MessagesLargerThanTheRingStreamInChunks) {
  TestRing<TypeParam> r(kCap, 1u << 20);
  const std::size_t sizes[] = {kCap + 1, 3 * kCap + 5, 1u << 20, 17};
  testing::BackgroundThread writer(
      [&] {
        for (std::uint64_t seq = 0; seq < 4 * std::size(sizes); ++seq)
          r.write(sizes[seq % std::size(sizes)], seq);
      },
      [&] { r.abort(); });
  for (std::uint64_t seq = 0; seq < 4 * std::size(sizes); ++seq) {
    const std::size_t bytes = sizes[seq % std::size(sizes)];
    EXPECT_EQ(r.read(bytes, seq), bytes <= ring::max_whole(kCap)) << bytes;
  }
  writer.join();
}

TYPED_TEST(ByteRingTest, MessageOfExactlyTheRingSizeAndOfAFullFrame) {
  TestRing<TypeParam> r(kCap, kCap);
  // kCap - 16 bytes is the largest whole frame (kCap - 8, plus the zeroed next header): written
  // whole after a pad (the ring is not at offset 0), so the writer must wait for the reader to free
  // everything first. kCap - 8 and kCap bytes are one word too many: they go in chunks.
  ASSERT_EQ(ring::max_whole(kCap), kCap - 2 * ring::kHeaderBytes);
  testing::BackgroundThread writer(
      [&] {
        r.write(24, 0);
        r.write(kCap - 2 * ring::kHeaderBytes, 1);
        r.write(kCap - ring::kHeaderBytes, 2);
        r.write(kCap, 3);
        r.write(kCap - 2 * ring::kHeaderBytes, 4);
      },
      [&] { r.abort(); });
  EXPECT_TRUE(r.read(24, 0));
  EXPECT_TRUE(r.read(kCap - 2 * ring::kHeaderBytes, 1));
  EXPECT_FALSE(r.read(kCap - ring::kHeaderBytes, 2));
  EXPECT_FALSE(r.read(kCap, 3));
  EXPECT_TRUE(r.read(kCap - 2 * ring::kHeaderBytes, 4));
  writer.join();
}

TYPED_TEST(ByteRingTest, MalformedFrameIsRejected) {
  TestRing<TypeParam> r(kCap, 100);
  // A frame announcing more than max_message: what a stray writer or an out-of-sync reader sees.
  r.write(100, 0);
  EXPECT_TRUE(r.read(100, 0));
  // Forge the next frame's header where the writer would put it, right after the first (8 + 104
  // bytes); the header is the signal, so storing it publishes the frame.
  ring::header_at(r.storage.data(), ring::frame_bytes(100))
      .store(std::bit_cast<std::uint64_t>(ring::Header{1000, ring::Kind::whole}),
             std::memory_order_release);
  try {
    (void)r.reader.read();
    FAIL() << "a frame of 1000 bytes passed a reader with max_message 100";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find("malformed ring frame"), std::string::npos) << e.what();
  }
}

// Sizes from a fixed-seed generator, mostly small with some large, so frames end at different
// offsets on every lap and each header position has held a header, body bytes or a pad before.
std::size_t shifting_size(std::uint64_t seq) {
  std::uint64_t x = (seq + 1) * 0x9E3779B97F4A7C15ull;
  x ^= x >> 29;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 32;
  switch (x % 8) {
    case 0:
      return 1 + x % 30'000;
    case 1:
      return 1 + x % 4'000;
    default:
      return 1 + x % 200;
  }
}

TYPED_TEST(ByteRingTest, StaleBytesOfOlderLapsAreNeverReadAsAFrame) {
  // The storage starts full of a byte that would read as a header of kind 0xA5A5A5A5 (rejected as
  // malformed), like a mapping reused from older laps: only the zeroed-ahead words protect the
  // reader, which races the writer across about 100 laps.
  TestRing<TypeParam> r(kCap, 30'000, 0xA5);
  constexpr std::uint64_t kMessages = 60'000;
  testing::BackgroundThread writer(
      [&] {
        for (std::uint64_t seq = 0; seq < kMessages; ++seq) {
          const std::size_t bytes = shifting_size(seq);
          if (seq % 2 == 0) {
            r.write(bytes, seq);
            continue;
          }
          auto body = r.writer.reserve(bytes);  // the in-place path of ShmRingChannel::prepare()
          fill_payload(body, seq);
          r.writer.commit();
        }
      },
      [&] { r.abort(); });
  std::uint64_t total = 0;
  for (std::uint64_t seq = 0; seq < kMessages; ++seq) {
    total += shifting_size(seq);
    ASSERT_TRUE(r.read(shifting_size(seq), seq));
  }
  writer.join();
  EXPECT_GT(total, 100 * kCap);
}

TYPED_TEST(ByteRingTest, ASecondReserveReplacesTheFirst) {
  TestRing<TypeParam> r(kCap, kCap, 0xA5);
  // Bring the writer near the end so that the second reserve() has to pad first.
  r.write(kCap - 4096, 0);
  EXPECT_TRUE(r.read(kCap - 4096, 0));
  (void)r.writer.reserve(100);
  auto body = r.writer.reserve(8000);  // does not fit before the end: pads, starts at offset 0
  EXPECT_EQ(body.data(), r.storage.data() + ring::kHeaderBytes);
  fill_payload(body, 1);
  r.writer.commit();
  (void)r.writer.reserve(5);
  body = r.writer.reserve(3);
  fill_payload(body, 2);
  r.writer.commit();
  EXPECT_TRUE(r.read(8000, 1));
  EXPECT_TRUE(r.read(3, 2));
  // A first body filled and abandoned covers where the second frame ends: that word must still
  // be zeroed before the second frame is published (each lap, wherever the frames fall).
  for (std::uint64_t seq = 3; seq < 3 + 3 * kCap / 256; ++seq) {
    std::memset(r.writer.reserve(200).data(), 0xA5, 200);
    fill_payload(r.writer.reserve(24 + seq % 100), seq);
    r.writer.commit();
    const auto msg = r.reader.read();
    verify_payload(msg, seq, 24 + seq % 100);
    const auto off = static_cast<std::uint64_t>(msg.data() - r.storage.data());
    const std::uint64_t next = (off - ring::kHeaderBytes + ring::frame_bytes(msg.size())) % kCap;
    ASSERT_EQ(ring::header_at(r.storage.data(), next).load(std::memory_order_acquire), 0u)
        << "stale bytes where the reader will wait for message " << seq + 1;
    r.reader.release();
  }
}

TYPED_TEST(ByteRingTest, AbortStopsAWriterWaitingInReserve) {
  TestRing<TypeParam> r(kCap, kCap);
  r.write(kCap / 2, 0);
  testing::BackgroundThread writer([&] { (void)r.writer.reserve(kCap / 2); },
                                   [&] { r.abort(); });  // half a ring + a word: waits
  std::this_thread::sleep_for(20ms);  // let it reach its wait (not required)
  r.abort();
  EXPECT_THROW(writer.join(), ChannelClosed);
}

// The body was handed out before the abort; publishing it after must still fail, and publish
// nothing the reader could take.
TYPED_TEST(ByteRingTest, CommitAfterAbortThrows) {
  TestRing<TypeParam> r(kCap, kCap);
  fill_payload(r.writer.reserve(64), 0);
  r.abort();
  EXPECT_THROW(r.writer.commit(), ChannelClosed);
  EXPECT_THROW((void)r.reader.read(), ChannelClosed);
}

TYPED_TEST(ByteRingTest, AbortStopsAWaitingReaderAndWriter) {
  TestRing<TypeParam> r(kCap, kCap);
  testing::BackgroundThread reader([&] { (void)r.reader.read(); },
                                   [&] { r.abort(); });  // empty ring: waits
  TestRing<TypeParam> full(kCap, kCap);
  full.write(ring::max_whole(kCap), 0);  // full: the largest whole frame
  testing::BackgroundThread writer([&] { full.write(1, 1); },
                                   [&] { full.abort(); });  // full ring: waits
  std::this_thread::sleep_for(20ms);  // let both reach their wait (not required)
  r.abort();
  full.abort();
  EXPECT_THROW(reader.join(), ChannelClosed);
  EXPECT_THROW(writer.join(), ChannelClosed);
  EXPECT_THROW(r.write(1, 0), ChannelClosed) << "operations after abort must fail too";
}

// Waits (without a timing assertion: the bound only keeps a broken build from hanging) until a
// side has gone to sleep on the futex, then aborts; the sleeper must wake and throw.
bool wait_until_asleep(FutexWait::Event& e) {
  for (auto until = std::chrono::steady_clock::now() + 30s;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(1ms))
    if (e.sleepers.load(std::memory_order_acquire) != 0) return true;
  return false;
}

using FutexRingTest = testing::LeakCheckedTest;

TEST_F(FutexRingTest, AbortWakesAReaderAsleepInThisProcess) {
  TestRing<FutexWait> r(kCap, kCap);
  testing::BackgroundThread reader([&] { (void)r.reader.read(); }, [&] { r.abort(); });
  ASSERT_TRUE(wait_until_asleep(r.shared->idx.readable));
  r.abort();
  EXPECT_THROW(reader.join(), ChannelClosed);
}

TEST_F(FutexRingTest, AbortWakesAWriterAsleepInThisProcess) {
  TestRing<FutexWait> r(kCap, kCap);
  r.write(ring::max_whole(kCap), 0);  // full: the largest whole frame
  testing::BackgroundThread writer([&] { r.write(1, 1); }, [&] { r.abort(); });
  ASSERT_TRUE(wait_until_asleep(r.shared->idx.writable));
  r.abort();
  EXPECT_THROW(writer.join(), ChannelClosed);
}

TEST_F(FutexRingTest, AbortWakesAReaderAsleepInAForkedChild) {
  TestRing<FutexWait> r(kCap, kCap);
  PeerOptions o;
  o.name = "sleeping reader";
  o.model = Model::process;
  Peer child(o, [&](PeerContext&) { (void)r.reader.read(); });
  ASSERT_TRUE(wait_until_asleep(r.shared->idx.readable));
  r.abort();  // from this process: must wake the child (non-private futex on shared memory)
  try {
    child.join();
    FAIL() << "the child's read returned without a message";
  } catch (const PeerError& e) {
    EXPECT_NE(std::string(e.what()).find("test-ring: channel aborted"), std::string::npos)
        << e.what();
  }
}

TEST_F(FutexRingTest, MessagesCrossBetweenProcesses) {
  TestRing<FutexWait> r(kCap, 1u << 20);
  PeerOptions o;
  o.name = "ring writer";
  o.model = Model::process;
  Peer child(o, [&](PeerContext& ctx) {
    for (std::uint64_t seq = 0; seq < 2000; ++seq) {
      r.write(seq % 7 == 0 ? 200'000 : 1 + seq % 5000, seq);
      ctx.progress();
    }
  });
  for (std::uint64_t seq = 0; seq < 2000; ++seq)
    r.read(seq % 7 == 0 ? 200'000 : 1 + seq % 5000, seq);
  EXPECT_NO_THROW(child.join());
}

// The endpoint's prepare() hands out ring memory for a message that fits: prepared twice without
// send(), only the second is sent; an abort while prepare() waits for space throws ChannelClosed.
template <class Wait>
class ShmRingEndpointTest : public testing::LeakCheckedTest {};
TYPED_TEST_SUITE(ShmRingEndpointTest, Policies);

TYPED_TEST(ShmRingEndpointTest, PrepareTwiceThenSendSendsTheSecond) {
  ShmRingChannel<TypeParam> ch({.max_message_bytes = 1u << 20, .window = 1}, kWhat);
  for (std::uint64_t seq = 0; seq < 50; ++seq) {
    const std::size_t first = seq % 2 ? 8 : 300'000, second = seq % 3 ? 100'000 : 24;
    (void)ch.a().prepare(first);
    auto buf = ch.a().prepare(second);
    ASSERT_EQ(buf.size(), second);
    fill_payload(buf, seq);
    ch.a().send();
    verify_payload(ch.b().receive(), seq, second);
    ch.b().release();
  }
}

TYPED_TEST(ShmRingEndpointTest, AbortStopsAPrepareWaitingForSpace) {
  ShmRingChannel<TypeParam> ch({.max_message_bytes = 4096, .window = 1}, kWhat);
  std::uint64_t sent = 0;
  // The ring holds more than the window promises; fill it until a prepare() would have to wait
  // (nobody receives): 15 frames of 4104 bytes, each needing the word after it free too.
  const std::uint64_t cap = ring::capacity_for(4096, 1), frame = ring::frame_bytes(4096);
  for (; (sent + 1) * frame + ring::kHeaderBytes <= cap; ++sent) {
    fill_payload(ch.a().prepare(4096), sent);
    ch.a().send();
  }
  ASSERT_EQ(sent, 15u);
  testing::BackgroundThread writer([&] { (void)ch.a().prepare(4096); }, [&] { ch.abort(); });
  std::this_thread::sleep_for(20ms);  // let it reach its wait (not required)
  ch.abort();
  EXPECT_THROW(writer.join(), ChannelClosed);
}

TEST(RingCapacity, HoldsTheWindowWithinBounds) {
  EXPECT_EQ(ring::capacity_for(1, 8), 64u * 1024);       // floor
  EXPECT_EQ(ring::capacity_for(4096, 8), 64u * 1024);    // 9 frames of 4104 bytes
  EXPECT_EQ(ring::capacity_for(65536, 1), 256u * 1024);  // 2 frames of 64 KiB + 8
  EXPECT_EQ(ring::capacity_for(1u << 20, 1), 4u << 20);  // 2 frames of 1 MiB + 8
  EXPECT_EQ(ring::capacity_for(4u << 20, 1), 4u << 20);  // capped: streams in chunks
  EXPECT_GE(ring::capacity_for(4096, 8), 9 * ring::frame_bytes(4096));
}

}  // namespace
}  // namespace tvp::shm
