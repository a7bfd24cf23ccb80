// The channel of the stream and packet socket transports: one connected pair (a Unix socketpair, or
// tcp_loopback's TCP connection), one endpoint per socket (each socket carries both directions).
// Only the endpoint type and the socket pair differ.
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include "fd/socketpair.hpp"
#include "tvp/fd/io.hpp"
#include "tvp/transport.hpp"

namespace tvp::fd {

// E: an endpoint over one connected socket; SocketOf returns that socket, or -1 once detached.
template <class E, int (E::*SocketOf)() const noexcept>
class SocketChannel final : public Channel {
 public:
  // make(UniqueFd socket, const std::atomic<bool>& aborted) -> std::unique_ptr<E>.
  // Throws SystemError.
  template <class Make>
  SocketChannel(int socket_type, Make make)
      : SocketChannel(make_socketpair(socket_type), std::move(make)) {}

  // The same over an already connected pair (make_tcp_loopback_pair()).
  template <class Make>
  SocketChannel(SocketPair p, Make make) {
    a_ = make(std::move(p.first), aborted_);
    b_ = make(std::move(p.second), aborted_);
  }

  Endpoint& a() override { return *a_; }
  Endpoint& b() override { return *b_; }

  void abort() noexcept override {
    aborted_.store(true, std::memory_order_release);
    // shutdown, not close: it wakes every call blocked on the socket in this process (recv returns
    // 0, send fails with EPIPE; for stream and seqpacket pairs the peer's socket too), while the
    // descriptor stays ours, so no concurrent call can land on a reused fd number. A detached
    // endpoint reports -1 and is skipped.
    for (const E* e : {a_.get(), b_.get()}) shut_down((e->*SocketOf)());
  }

 private:
  std::atomic<bool> aborted_{false};
  std::unique_ptr<E> a_, b_;
};

}  // namespace tvp::fd
