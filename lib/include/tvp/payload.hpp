// Canonical message contents: every message of `size` bytes with sequence number `seq` has exactly
// one valid content, so the receiver can check loss, reordering, truncation and corruption without
// any side channel.
//
// Layout (little-endian), truncated to the message size so that 1-byte messages still carry the low
// byte of the sequence number:
//   [0, 8)   seq
//   [8, 12)  size (low 32 bits)
//   [12, 16) magic "tvp1"
//   [16, 24) checksum of the body bytes [24, size)
//   [24, size) body: 64-bit words derived from (seq, word index), tail bytes from the next word
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tvp {

inline constexpr std::size_t kPayloadHeaderBytes = 24;

// Writes the canonical content for (seq, msg.size()) into msg. Touches every byte once.
void fill_payload(std::span<std::byte> msg, std::uint64_t seq) noexcept;

// Checks that `msg` is exactly the canonical content for (expected_seq, expected_size). Throws
// VerifyError with a message naming what differs (size, sequence, header, checksum, first bad
// offset). Reads every byte once.
void verify_payload(std::span<const std::byte> msg, std::uint64_t expected_seq,
                    std::size_t expected_size);

// Non-throwing variant for hot loops: true if valid.
bool payload_ok(std::span<const std::byte> msg, std::uint64_t expected_seq,
                std::size_t expected_size) noexcept;

// Checksum of a byte range as stored in the header (for tests and transports that want to check a
// body independently).
std::uint64_t payload_checksum(std::span<const std::byte> body) noexcept;

}  // namespace tvp
