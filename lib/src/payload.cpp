#include "tvp/payload.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "tvp/error.hpp"

namespace tvp {
namespace {

constexpr std::uint32_t kMagic = 0x31707674;  // "tvp1"
constexpr std::uint64_t kStep = 0xD6E8FEB86659FD93ull;  // odd: consecutive words never repeat

// The body is an arithmetic sequence of 64-bit words: cheap to generate and check in one pass (the
// compiler vectorises both loops), and any change of seq or size changes every word.
std::uint64_t body_seed(std::uint64_t seq, std::size_t size) noexcept {
  return (seq * 0x9E3779B97F4A7C15ull) ^ (static_cast<std::uint64_t>(size) * 0xC2B2AE3D27D4EB4Full) ^
         0x5851F42D4C957F2Dull;
}

// Sum of the body words (the partial last word counts with its present bytes only). For the
// canonical body it has a closed form, so the sender need not read its own body back.
std::uint64_t canonical_checksum(std::uint64_t seed, std::size_t body_bytes) noexcept {
  const std::uint64_t n = body_bytes / 8;
  // sum_{i<n} (seed + i*kStep) = n*seed + kStep * n(n-1)/2  (mod 2^64)
  const std::uint64_t tri = (n % 2 == 0) ? (n / 2) * (n - 1) : n * ((n - 1) / 2);
  std::uint64_t sum = n * seed + kStep * (n == 0 ? 0 : tri);
  if (std::size_t tail = body_bytes % 8; tail != 0) {
    const std::uint64_t w = seed + n * kStep;
    std::uint64_t masked = 0;
    std::memcpy(&masked, &w, tail);
    sum += masked;
  }
  return sum;
}

std::array<std::byte, kPayloadHeaderBytes> make_header(std::uint64_t seq, std::size_t size) {
  std::array<std::byte, kPayloadHeaderBytes> h{};
  const auto size32 = static_cast<std::uint32_t>(size);
  const std::size_t body = size > kPayloadHeaderBytes ? size - kPayloadHeaderBytes : 0;
  const std::uint64_t sum = canonical_checksum(body_seed(seq, size), body);
  std::memcpy(h.data(), &seq, 8);
  std::memcpy(h.data() + 8, &size32, 4);
  std::memcpy(h.data() + 12, &kMagic, 4);
  std::memcpy(h.data() + 16, &sum, 8);
  return h;
}

// Returns the offset of the first body byte that differs from the canonical body, or npos.
std::size_t first_bad_body_byte(const std::byte* body, std::size_t bytes, std::uint64_t seed) {
  const std::size_t words = bytes / 8;
  std::uint64_t diff = 0;
  std::uint64_t expect = seed;
  for (std::size_t i = 0; i < words; ++i, expect += kStep) {
    std::uint64_t w;
    std::memcpy(&w, body + i * 8, 8);
    diff |= w ^ expect;
  }
  if (std::size_t tail = bytes % 8; tail != 0) {
    std::uint64_t w = 0, e = 0;
    std::memcpy(&w, body + words * 8, tail);
    std::memcpy(&e, &expect, tail);
    diff |= w ^ e;
  }
  if (diff == 0) return std::string::npos;
  // Slow path, only on failure: locate the byte for the error message.
  expect = seed;
  for (std::size_t i = 0; i < bytes; i += 8, expect += kStep) {
    std::byte e[8];
    std::memcpy(e, &expect, 8);
    for (std::size_t j = 0; j < 8 && i + j < bytes; ++j)
      if (body[i + j] != e[j]) return i + j;
  }
  return std::string::npos;
}

}  // namespace

void fill_payload(std::span<std::byte> msg, std::uint64_t seq) noexcept {
  const std::size_t size = msg.size();
  const auto header = make_header(seq, size);
  std::memcpy(msg.data(), header.data(), std::min(size, kPayloadHeaderBytes));
  if (size <= kPayloadHeaderBytes) return;
  std::byte* body = msg.data() + kPayloadHeaderBytes;
  const std::size_t bytes = size - kPayloadHeaderBytes;
  const std::size_t words = bytes / 8;
  std::uint64_t w = body_seed(seq, size);
  for (std::size_t i = 0; i < words; ++i, w += kStep) std::memcpy(body + i * 8, &w, 8);
  if (std::size_t tail = bytes % 8; tail != 0) std::memcpy(body + words * 8, &w, tail);
}

bool payload_ok(std::span<const std::byte> msg, std::uint64_t expected_seq,
                std::size_t expected_size) noexcept {
  if (msg.size() != expected_size) return false;
  const auto header = make_header(expected_seq, expected_size);
  if (std::memcmp(msg.data(), header.data(), std::min(expected_size, kPayloadHeaderBytes)) != 0)
    return false;
  if (expected_size <= kPayloadHeaderBytes) return true;
  return first_bad_body_byte(msg.data() + kPayloadHeaderBytes, expected_size - kPayloadHeaderBytes,
                             body_seed(expected_seq, expected_size)) == std::string::npos;
}

void verify_payload(std::span<const std::byte> msg, std::uint64_t expected_seq,
                    std::size_t expected_size) {
  if (payload_ok(msg, expected_seq, expected_size)) return;
  if (msg.size() != expected_size)
    throw VerifyError("message " + std::to_string(expected_seq) + ": size " +
                      std::to_string(msg.size()) + " bytes, expected " +
                      std::to_string(expected_size) + " (truncated or merged)");
  const auto header = make_header(expected_seq, expected_size);
  const std::size_t hbytes = std::min(expected_size, kPayloadHeaderBytes);
  if (std::memcmp(msg.data(), header.data(), hbytes) != 0) {
    std::uint64_t got_seq = 0;
    std::memcpy(&got_seq, msg.data(), std::min<std::size_t>(hbytes, 8));
    std::uint64_t want_seq = 0;
    std::memcpy(&want_seq, header.data(), std::min<std::size_t>(hbytes, 8));
    if (got_seq != want_seq)
      throw VerifyError("message " + std::to_string(expected_seq) + ": carries sequence " +
                        std::to_string(got_seq) + " (lost or reordered)");
    throw VerifyError("message " + std::to_string(expected_seq) + ": corrupt header");
  }
  const std::size_t bad =
      first_bad_body_byte(msg.data() + kPayloadHeaderBytes, expected_size - kPayloadHeaderBytes,
                          body_seed(expected_seq, expected_size));
  throw VerifyError("message " + std::to_string(expected_seq) + ": checksum mismatch, first bad byte at offset " +
                    std::to_string(bad + kPayloadHeaderBytes) + " of " +
                    std::to_string(expected_size));
}

std::uint64_t payload_checksum(std::span<const std::byte> body) noexcept {
  std::uint64_t sum = 0;
  const std::size_t words = body.size() / 8;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t w;
    std::memcpy(&w, body.data() + i * 8, 8);
    sum += w;
  }
  if (std::size_t tail = body.size() % 8; tail != 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, body.data() + words * 8, tail);
    sum += w;
  }
  return sum;
}

}  // namespace tvp
