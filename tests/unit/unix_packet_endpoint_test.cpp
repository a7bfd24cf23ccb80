// The fragmenting endpoint of unix_dgram and unix_seqpacket, from the inside: where fragments
// begin and end, that the receiver accepts any fragment size, that the sender shrinks datagrams
// the kernel refuses, and that every malformed fragment sequence is a VerifyError. The transport
// test (transport_test.cpp) covers the same endpoint through the registry, between peers.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <cstring>
#include <exception>
#include <string>
#include <thread>
#include <vector>

// Internal headers of libtvp (not installed): the endpoint is tested below its public interface.
#include "fd/packet_endpoint.hpp"
#include "fd/socketpair.hpp"
#include "tvp/fd/io.hpp"
#include "resource_snapshot.hpp"
#include "tvp/echo.hpp"
#include "tvp/error.hpp"

namespace tvp::fd {
namespace {

constexpr std::size_t kHeader = sizeof(FragmentHeader);
constexpr std::size_t kMax = 1u << 20;

std::string type_name(const ::testing::TestParamInfo<int>& info) {
  return info.param == SOCK_DGRAM ? "dgram" : "seqpacket";
}

class PacketEndpointTest : public testing::LeakCheckedTest,
                           public ::testing::WithParamInterface<int> {
 protected:
  void TearDown() override {
    tx_.reset();  // closed before the leak check looks
    rx_.reset();
    LeakCheckedTest::TearDown();
  }

  // Two endpoints over one socketpair; `tx_fragment` / `rx_fragment` as PacketEndpoint takes them.
  void make_endpoints(std::size_t tx_fragment, std::size_t rx_fragment = 0) {
    SocketPair p = make_socketpair(GetParam());
    tx_ = std::make_unique<PacketEndpoint>(std::move(p.first), kMax, aborted_, "test", tx_fragment);
    rx_ =
        std::make_unique<PacketEndpoint>(std::move(p.second), kMax, aborted_, "test", rx_fragment);
  }

  // Sends one verified message while another thread receives it (a large message may not fit the
  // send buffer). A failed send shuts the receiver's socket so that its thread ends too.
  void round_trip(std::size_t bytes, std::uint64_t seq) {
    std::exception_ptr received;
    std::thread receiver([&] {
      try {
        receive_message(*rx_, bytes, seq);
      } catch (...) {
        received = std::current_exception();
      }
    });
    try {
      send_message(*tx_, bytes, seq);
    } catch (...) {
      shut_down(rx_->socket_fd());
      receiver.join();
      throw;
    }
    receiver.join();
    if (received) std::rethrow_exception(received);
  }

  // Length of the next datagram waiting for rx_, or -1 if none is queued.
  ssize_t next_datagram_length() {
    std::vector<std::byte> buf(kHeader + kMax);
    return ::recv(rx_->socket_fd(), buf.data(), buf.size(), MSG_DONTWAIT | MSG_TRUNC);
  }

  std::atomic<bool> aborted_{false};
  std::unique_ptr<PacketEndpoint> tx_, rx_;
};

TEST_P(PacketEndpointTest, MessagesAroundFragmentBoundariesArriveWhole) {
  constexpr std::size_t kFragment = 4096, kBody = kFragment - kHeader;
  make_endpoints(kFragment);
  std::uint64_t seq = 0;
  for (std::size_t bytes : {std::size_t{1}, kBody - 1, kBody, kBody + 1, 2 * kBody, 2 * kBody + 1,
                            3 * kBody + 5, std::size_t{65536}, kMax}) {
    SCOPED_TRACE(bytes);
    round_trip(bytes, seq++);
  }
}

TEST_P(PacketEndpointTest, MessageThatFitsOneFragmentIsOneDatagram) {
  constexpr std::size_t kFragment = 4096, kBody = kFragment - kHeader;
  make_endpoints(kFragment);
  send_message(*tx_, kBody, 0);
  EXPECT_EQ(next_datagram_length(), static_cast<ssize_t>(kFragment));
  EXPECT_EQ(next_datagram_length(), -1);
  send_message(*tx_, kBody + 1, 1);
  EXPECT_EQ(next_datagram_length(), static_cast<ssize_t>(kFragment));
  EXPECT_EQ(next_datagram_length(), static_cast<ssize_t>(kHeader + 1));
  EXPECT_EQ(next_datagram_length(), -1);
}

TEST_P(PacketEndpointTest, ReceiverAcceptsSmallerFragmentsThanItsOwn) {
  make_endpoints(/*tx_fragment=*/600, /*rx_fragment=*/256 * 1024);
  round_trip(100'000, 7);
}

TEST_P(PacketEndpointTest, SenderShrinksDatagramsTheKernelRefuses) {
  make_endpoints(/*tx_fragment=*/kMax);
  const int small = 4096;  // the kernel doubles it and refuses datagrams above ~8 KiB
  ASSERT_EQ(::setsockopt(tx_->socket_fd(), SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)), 0);
  round_trip(100'000, 3);
  const auto send_buffer = static_cast<std::size_t>(buffer_sizes(tx_->socket_fd()).send_bytes);
  EXPECT_LE(tx_->fragment_bytes(), send_buffer);
  EXPECT_GE(tx_->fragment_bytes(), 512u);
}

TEST_P(PacketEndpointTest, DefaultFragmentFitsTheSendBuffer) {
  make_endpoints(0);
  const auto send_buffer = static_cast<std::size_t>(buffer_sizes(tx_->socket_fd()).send_bytes);
  EXPECT_LE(tx_->fragment_bytes(), std::max<std::size_t>(send_buffer / 4, 512));
  EXPECT_GT(tx_->fragment_bytes(), kHeader);
  RecordProperty("send_buffer_bytes", std::to_string(send_buffer));
  RecordProperty("fragment_bytes", std::to_string(tx_->fragment_bytes()));
}

TEST_P(PacketEndpointTest, RejectsSizesOutsideTheLimits) {
  make_endpoints(0);
  EXPECT_THROW(tx_->prepare(0), std::invalid_argument);
  EXPECT_THROW(tx_->prepare(kMax + 1), std::invalid_argument);
  SocketPair p = make_socketpair(GetParam());
  EXPECT_THROW(PacketEndpoint(std::move(p.first), kMax, aborted_, "test", kHeader),
               std::invalid_argument);
  EXPECT_THROW(PacketEndpoint(std::move(p.second), 0, aborted_, "test"), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Unix, PacketEndpointTest, ::testing::Values(SOCK_DGRAM, SOCK_SEQPACKET),
                         type_name);

// A datagram written by hand: a header and `body` bytes of filler.
struct RawDatagram {
  std::uint32_t message_bytes;
  std::uint32_t index;
  std::size_t body;
  std::size_t wire_bytes = 0;  // bytes actually sent; 0: header + body
};

// Sends `datagrams` raw into one socket of a pair and receives one message with an endpoint
// (limit 1000 bytes) on the other.
void receive_raw(int type, const std::vector<RawDatagram>& datagrams) {
  std::atomic<bool> aborted{false};
  SocketPair p = make_socketpair(type);
  PacketEndpoint rx(std::move(p.second), 1000, aborted, "test");
  for (const RawDatagram& d : datagrams) {
    std::vector<std::byte> buf(kHeader + d.body, std::byte{0x5a});
    const FragmentHeader h{d.message_bytes, d.index};
    std::memcpy(buf.data(), &h, kHeader);
    const std::size_t len = d.wire_bytes != 0 ? d.wire_bytes : buf.size();
    ASSERT_EQ(::send(p.first.get(), buf.data(), len, 0), static_cast<ssize_t>(len));
  }
  EXPECT_EQ(rx.receive().size(), datagrams.front().message_bytes);
  rx.release();
}

TEST(PacketEndpointFragmentCheck, WellFormedRawFragmentsAreAccepted) {
  // Hand-made datagrams in order: proves the failures below come from their defects alone.
  for (int type : {SOCK_DGRAM, SOCK_SEQPACKET})
    EXPECT_NO_THROW(receive_raw(type, {{100, 0, 60}, {100, 1, 30}, {100, 2, 10}}));
}

struct BadSequence {
  const char* name;
  std::vector<RawDatagram> datagrams;
  const char* expected;  // part of the VerifyError's message
};

class PacketEndpointFragmentCheckTest : public testing::LeakCheckedTest,
                                        public ::testing::WithParamInterface<BadSequence> {};

TEST_P(PacketEndpointFragmentCheckTest, IsAVerifyError) {
  for (int type : {SOCK_DGRAM, SOCK_SEQPACKET}) {
    SCOPED_TRACE(type == SOCK_DGRAM ? "dgram" : "seqpacket");
    try {
      receive_raw(type, GetParam().datagrams);
      ADD_FAILURE() << "accepted";
    } catch (const VerifyError& e) {
      EXPECT_NE(std::string(e.what()).find(GetParam().expected), std::string::npos) << e.what();
    }
  }
}

const BadSequence kBadSequences[] = {
    {"runt", {{10, 0, 0, 4}}, "no fragment header"},
    {"header_only", {{10, 0, 0}}, "no fragment header"},
    {"reordered", {{100, 1, 50}, {100, 0, 50}}, "fragment 1 arrived where fragment 0 was due"},
    {"lost", {{100, 0, 50}, {100, 2, 50}}, "fragment 2 arrived where fragment 1 was due"},
    {"next_message_early", {{100, 0, 50}, {20, 0, 20}}, "fragment 0 arrived where fragment 1"},
    {"length_changes", {{100, 0, 50}, {200, 1, 50}}, "says the message has 200 bytes"},
    {"overrun", {{100, 0, 60}, {100, 1, 60}}, "longer than the 48 bytes"},
    {"first_longer_than_message", {{10, 0, 20}}, "fragment 0 of 20 bytes for a message of 10"},
    {"message_over_limit", {{1001, 0, 10}}, "message of 1001 bytes (limit 1000)"},
    {"zero_length_message", {{0, 0, 10}}, "message of 0 bytes"},
};
INSTANTIATE_TEST_SUITE_P(Bad, PacketEndpointFragmentCheckTest, ::testing::ValuesIn(kBadSequences),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace tvp::fd
