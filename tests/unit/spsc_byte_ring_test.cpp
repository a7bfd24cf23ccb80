// The shared-memory byte ring under the transports shm_ring and shm_ring_wait: framing across the
// wrap, in-place views, chunked streaming of messages larger than the ring (including exactly the
// ring size), malformed frames, and abort() reaching a side that waits -- also one asleep on the
// futex in another process.
#include "transports/spsc_byte_ring.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <new>
#include <thread>
#include <vector>

#include "transports/wait_policy.hpp"
#include "resource_snapshot.hpp"
#include "shm_background_thread.hpp"
#include "tvp/error.hpp"
#include "tvp/payload.hpp"
#include "tvp/peer.hpp"

namespace tvp::shm {
namespace {

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

  TestRing(std::size_t capacity, std::size_t max_message)
      : region(kStorageAt + capacity),
        shared(new (region.data()) Shared()),
        storage(region.data() + kStorageAt, capacity),
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
    EXPECT_EQ(r.read(bytes, seq), bytes <= kCap - ring::kHeaderBytes) << bytes;
  }
  writer.join();
}

TYPED_TEST(ByteRingTest, MessageOfExactlyTheRingSizeAndOfAFullFrame) {
  TestRing<TypeParam> r(kCap, kCap);
  // kCap - 8 bytes is a frame of exactly the ring: written whole (after a pad, since the ring is
  // not at offset 0), so the writer must wait for the reader to free everything first. kCap bytes
  // is one header too many: it goes in chunks.
  testing::BackgroundThread writer(
      [&] {
        r.write(24, 0);
        r.write(kCap - ring::kHeaderBytes, 1);
        r.write(kCap, 2);
        r.write(kCap - ring::kHeaderBytes, 3);
      },
      [&] { r.abort(); });
  EXPECT_TRUE(r.read(24, 0));
  EXPECT_TRUE(r.read(kCap - ring::kHeaderBytes, 1));
  EXPECT_FALSE(r.read(kCap, 2));
  EXPECT_TRUE(r.read(kCap - ring::kHeaderBytes, 3));
  writer.join();
}

TYPED_TEST(ByteRingTest, MalformedFrameIsRejected) {
  TestRing<TypeParam> r(kCap, 100);
  // A frame announcing more than max_message: what a stray writer or an out-of-sync reader sees.
  r.write(100, 0);
  EXPECT_TRUE(r.read(100, 0));
  // Forge the next frame where the writer would put it, right after the first (8 + 104 bytes).
  const ring::Header bad{1000, ring::Kind::whole};
  std::memcpy(r.storage.data() + ring::frame_bytes(100), &bad, sizeof bad);
  r.shared->idx.head.store(ring::frame_bytes(100) + ring::frame_bytes(1000),
                           std::memory_order_release);
  try {
    (void)r.reader.read();
    FAIL() << "a frame of 1000 bytes passed a reader with max_message 100";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find("malformed ring frame"), std::string::npos) << e.what();
  }
}

TYPED_TEST(ByteRingTest, AbortStopsAWaitingReaderAndWriter) {
  TestRing<TypeParam> r(kCap, kCap);
  testing::BackgroundThread reader([&] { (void)r.reader.read(); },
                                   [&] { r.abort(); });  // empty ring: waits
  TestRing<TypeParam> full(kCap, kCap);
  full.write(kCap - ring::kHeaderBytes, 0);
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
  r.write(kCap - ring::kHeaderBytes, 0);
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
