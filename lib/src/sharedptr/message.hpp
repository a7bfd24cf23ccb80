// The object the shared_ptr transports hand over: a message that owns its body. The sender creates
// it with make_shared and writes the body in place; the receiver reads the body through the pointer
// and is normally the last owner, so the message is freed on the receiving thread — the usual shape
// of a real producer/consumer handoff (and a cross-thread free for the allocator).
#pragma once

#include <cstddef>
#include <memory>
#include <span>

namespace tvp::sharedptr {

class Message {
 public:
  // Two allocations, as in real code where a message object owns a buffer: the control block and
  // this header (make_shared), then the body. The body is left uninitialised because the sender
  // writes every byte; zero-filling it first would double the stores for a 4 MiB message.
  explicit Message(std::size_t bytes)
      : body_(std::make_unique_for_overwrite<std::byte[]>(bytes)), size_(bytes) {}

  std::span<std::byte> body() noexcept { return {body_.get(), size_}; }
  std::span<const std::byte> body() const noexcept { return {body_.get(), size_}; }

 private:
  std::unique_ptr<std::byte[]> body_;
  std::size_t size_;
};

}  // namespace tvp::sharedptr
