// A message endpoint over a byte stream (pipe pair or SOCK_STREAM socket): each message is framed
// by an 8-byte length, and the sender's staging buffer reserves the frame header in front of the
// body so a whole message leaves in one write() and usually arrives in one read().
#pragma once

#include <atomic>
#include <memory>

#include "tvp/transport.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::fd {

class StreamEndpoint final : public Endpoint {
 public:
  // rd/wr may be the same socket (pass it as rd and leave wr invalid). `what` names the transport.
  StreamEndpoint(UniqueFd rd, UniqueFd wr, std::size_t max_message_bytes,
                 const std::atomic<bool>& aborted, const char* what);

  std::span<std::byte> prepare(std::size_t bytes) override;
  void send() override;
  std::span<const std::byte> receive() override;
  void release() override;
  void detach() noexcept override;

  int read_fd() const noexcept { return rd_.get(); }
  int write_fd() const noexcept { return wr_.valid() ? wr_.get() : rd_.get(); }

 private:
  void fill_at_least(std::size_t bytes);

  UniqueFd rd_, wr_;
  std::size_t max_;
  const std::atomic<bool>& aborted_;
  const char* what_;
  std::unique_ptr<std::byte[]> out_;  // [8-byte length][body]
  std::size_t out_len_ = 0;
  std::unique_ptr<std::byte[]> in_;  // received bytes [begin_, end_)
  std::size_t in_cap_, begin_ = 0, end_ = 0, frame_ = 0;
};

}  // namespace tvp::fd
