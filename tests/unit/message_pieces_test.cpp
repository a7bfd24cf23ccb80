// MessagePieces (posix_mq's and shm_mq's framing) over an in-memory queue of pieces: a message of
// any size arrives whole and in order, and a length or a piece that does not add up is refused.
#include "queues/message_pieces.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <vector>

#include "tvp/error.hpp"

namespace tvp::queues {
namespace {

using Piece = std::vector<std::byte>;

// What the transport's queue would carry between the two sides.
struct PieceQueue {
  std::deque<Piece> pieces;
  std::size_t max_piece;
  void push(const std::byte* p, std::size_t n) {
    ASSERT_LE(n, max_piece) << "a piece larger than the queue's message size";
    pieces.emplace_back(p, p + n);
  }
  std::size_t pop(std::byte* into, std::size_t room) {
    if (pieces.empty()) throw std::runtime_error("receive on an empty queue");
    const Piece p = pieces.front();
    pieces.pop_front();
    if (p.size() > room) throw std::runtime_error("piece larger than the room offered");
    std::copy(p.begin(), p.end(), into);
    return p.size();
  }
};

TEST(MessagePieces, EverySizeArrivesWholeThroughSmallPieces) {
  constexpr std::size_t kMax = 100, kPiece = 9;  // one body byte in the first piece
  MessagePieces sender(kMax, kPiece, "test"), receiver(kMax, kPiece, "test");
  PieceQueue q{{}, kPiece};
  for (std::size_t bytes = 1; bytes <= kMax; ++bytes) {
    auto body = sender.prepare(bytes);
    for (std::size_t i = 0; i < bytes; ++i) body[i] = static_cast<std::byte>(bytes * 31 + i);
    sender.send([&](const std::byte* p, std::size_t n) { q.push(p, n); });
    const std::size_t expected_pieces = (MessagePieces::kLengthBytes + bytes + kPiece - 1) / kPiece;
    ASSERT_EQ(q.pieces.size(), expected_pieces) << bytes << " bytes";
    const auto got = receiver.receive([&](std::byte* into, std::size_t room) {
      return q.pop(into, room);
    });
    ASSERT_EQ(got.size(), bytes);
    for (std::size_t i = 0; i < bytes; ++i)
      ASSERT_EQ(got[i], static_cast<std::byte>(bytes * 31 + i)) << bytes << " bytes, at " << i;
    ASSERT_TRUE(q.pieces.empty());
  }
}

TEST(MessagePieces, PiecesTooSmallForTheLengthAreRefused) {
  EXPECT_THROW(MessagePieces(16, MessagePieces::kLengthBytes, "test"), std::invalid_argument);
}

TEST(MessagePieces, OutOfRangeSizesAreRefusedBeforeSending) {
  MessagePieces m(16, 9, "test");
  EXPECT_THROW(m.prepare(0), std::invalid_argument);
  EXPECT_THROW(m.prepare(17), std::invalid_argument);
}

// A first piece with the given 8-byte length header and `extra` body bytes.
Piece first_piece(std::uint64_t length, std::size_t extra) {
  Piece p(MessagePieces::kLengthBytes + extra, std::byte{0});
  std::memcpy(p.data(), &length, MessagePieces::kLengthBytes);
  return p;
}

void expect_refused(std::deque<Piece> pieces, const char* cause) {
  MessagePieces receiver(16, 64, "test");
  PieceQueue q{std::move(pieces), 64};
  try {
    receiver.receive([&](std::byte* into, std::size_t room) { return q.pop(into, room); });
    ADD_FAILURE() << "accepted a malformed message (" << cause << ")";
  } catch (const VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find(cause), std::string::npos) << e.what();
  }
}

TEST(MessagePieces, MalformedMessagesAreRefused) {
  expect_refused({Piece(3, std::byte{1})}, "first piece of 3 bytes");
  expect_refused({first_piece(0, 0)}, "message length 0");
  expect_refused({first_piece(17, 17)}, "message length 17");
  expect_refused({first_piece(4, 6)}, "6 bytes for a message of 4");
}

}  // namespace
}  // namespace tvp::queues
