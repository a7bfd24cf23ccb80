#include "fd/stream_endpoint.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#include "tvp/error.hpp"
#include "tvp/fd/io.hpp"
#include "fd/touched_buffer.hpp"

namespace tvp::fd {
namespace {
constexpr std::size_t kFrameHeader = 8;
// Large reads let the kernel hand over as much as it has in one call; the buffer holds one whole
// frame plus read-ahead of the next.
constexpr std::size_t kReadAhead = 64 * 1024;
}  // namespace

StreamEndpoint::StreamEndpoint(UniqueFd rd, UniqueFd wr, std::size_t max_message_bytes,
                               const std::atomic<bool>& aborted, const char* what)
    : rd_(std::move(rd)),
      wr_(std::move(wr)),
      max_(max_message_bytes),
      aborted_(aborted),
      what_(what),
      out_(touched_buffer(kFrameHeader + max_message_bytes)),
      in_(touched_buffer(kFrameHeader + max_message_bytes + kReadAhead)),
      in_cap_(kFrameHeader + max_message_bytes + kReadAhead) {}

std::span<std::byte> StreamEndpoint::prepare(std::size_t bytes) {
  if (bytes == 0 || bytes > max_)
    throw std::invalid_argument(std::string(what_) + ": message of " + std::to_string(bytes) +
                                " bytes outside 1.." + std::to_string(max_));
  const std::uint64_t len = bytes;
  std::memcpy(out_.get(), &len, kFrameHeader);
  out_len_ = kFrameHeader + bytes;
  return {out_.get() + kFrameHeader, bytes};
}

void StreamEndpoint::send() {
  fd::throw_if_aborted(aborted_, what_);
  fd::write_all(write_fd(), out_.get(), out_len_, what_);
  fd::throw_if_aborted(aborted_, what_);
}

void StreamEndpoint::fill_at_least(std::size_t bytes) {
  if (begin_ + bytes > in_cap_) {  // not enough room behind: move the partial frame to the front
    std::memmove(in_.get(), in_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  while (end_ - begin_ < bytes) {
    fd::throw_if_aborted(aborted_, what_);
    end_ += fd::read_some(rd_.get(), in_.get() + end_, in_cap_ - end_, what_);
  }
}

std::span<const std::byte> StreamEndpoint::receive() {
  fill_at_least(kFrameHeader);
  std::uint64_t len;
  std::memcpy(&len, in_.get() + begin_, kFrameHeader);
  if (len == 0 || len > max_)
    throw VerifyError(std::string(what_) + ": frame length " + std::to_string(len) +
                      " outside 1.." + std::to_string(max_) + " (stream out of sync)");
  fill_at_least(kFrameHeader + len);
  frame_ = kFrameHeader + len;
  return {in_.get() + begin_ + kFrameHeader, static_cast<std::size_t>(len)};
}

void StreamEndpoint::release() {
  begin_ += frame_;
  frame_ = 0;
  if (begin_ == end_) begin_ = end_ = 0;
}

void StreamEndpoint::detach() noexcept {
  rd_.reset();
  wr_.reset();
}

}  // namespace tvp::fd
