// A message carried through a queue whose own messages hold at most `piece` bytes (posix_mq's
// kernel queue, shm_mq's Boost queue): the first piece starts with an 8-byte total length, the
// rest follow in order, and the receiver lays them end to end in its own buffer. The transport
// supplies the queue operations; this class owns both buffers (allocated and touched before
// timing) and checks what arrives.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>

#include "shm/message_limits.hpp"
#include "tvp/error.hpp"

namespace tvp::queues {

class MessagePieces {
 public:
  static constexpr std::size_t kLengthBytes = 8;

  MessagePieces(std::size_t max_message, std::size_t piece, const char* what)
      : max_(max_message),
        piece_(piece),
        what_(what),
        // value-initialised: every page touched before timing
        out_(std::make_unique<std::byte[]>(kLengthBytes + max_message)),
        // one piece of slack: a queue may refuse a receive buffer smaller than its message size,
        // even for the last, shorter piece
        in_cap_(kLengthBytes + max_message + piece),
        in_(std::make_unique<std::byte[]>(in_cap_)) {
    // The receiver reads the length from the first piece alone.
    if (piece <= kLengthBytes)
      throw std::invalid_argument(std::string(what) + ": queue messages of " +
                                  std::to_string(piece) + " bytes cannot carry an 8-byte length");
  }

  // Writes the length header; the caller fills the returned body.
  std::span<std::byte> prepare(std::size_t bytes) {
    shm::require_message_size(bytes, max_, what_);
    const std::uint64_t len = bytes;
    std::memcpy(out_.get(), &len, kLengthBytes);
    out_len_ = kLengthBytes + bytes;
    return {out_.get() + kLengthBytes, bytes};
  }

  // Hands the prepared message to send_piece(const std::byte*, std::size_t), piece by piece.
  template <class SendPiece>
  void send(SendPiece&& send_piece) const {
    for (std::size_t pos = 0; pos < out_len_; pos += piece_)
      send_piece(out_.get() + pos, std::min(piece_, out_len_ - pos));
  }

  // Reassembles one message from receive_piece(std::byte* into, std::size_t room) -> bytes got;
  // throws VerifyError on a length or a piece that does not add up.
  template <class ReceivePiece>
  std::span<const std::byte> receive(ReceivePiece&& receive_piece) {
    std::size_t pos = receive_piece(in_.get(), in_cap_);
    if (pos < kLengthBytes) malformed("first piece of " + std::to_string(pos) + " bytes");
    std::uint64_t len;
    std::memcpy(&len, in_.get(), kLengthBytes);
    if (len == 0 || len > max_) malformed("message length " + std::to_string(len));
    while (pos < kLengthBytes + len) pos += receive_piece(in_.get() + pos, in_cap_ - pos);
    if (pos != kLengthBytes + len)
      malformed(std::to_string(pos - kLengthBytes) + " bytes for a message of " +
                std::to_string(len));
    return {in_.get() + kLengthBytes, static_cast<std::size_t>(len)};
  }

 private:
  [[noreturn]] void malformed(const std::string& cause) const {
    throw VerifyError(std::string(what_) + ": malformed message (" + cause + ", max message " +
                      std::to_string(max_) + ")");
  }

  std::size_t max_, piece_;
  const char* what_;
  std::unique_ptr<std::byte[]> out_;  // [8-byte length][body]
  std::size_t out_len_ = 0;
  std::size_t in_cap_;
  std::unique_ptr<std::byte[]> in_;
};

}  // namespace tvp::queues
