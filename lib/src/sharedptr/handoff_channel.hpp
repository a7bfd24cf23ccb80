// The shared_ptr handoff transports (thread model only): the sender builds a Message with
// make_shared and writes its body in place; send() moves the pointer into a bounded queue,
// receive() moves it out and returns a view of the same body. The body is never copied and the
// reference count never changes on the way: the receiver becomes the last owner and frees the
// message in release(). One template, two queues: transports/sharedptr_mutex.cpp and
// sharedptr_spsc.cpp each pick one.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "tvp/transport.hpp"

namespace tvp::sharedptr {

// Each direction queues exactly `window` messages: the caller's declared number in flight. Every
// queued message is a live heap allocation, so the bound is also the memory bound (window x size);
// one more send() waits for the receiver. Throws std::invalid_argument for a process model (a
// std::shared_ptr cannot cross an address space) or a zero window or message size.
inline std::size_t queue_capacity(const ChannelOptions& o, const char* what) {
  const std::string name(what);
  if (o.model != Model::thread)
    throw std::invalid_argument(name +
                                ": model 'process' refused: a std::shared_ptr cannot cross "
                                "processes (thread model only)");
  if (o.window == 0) throw std::invalid_argument(name + ": window must be at least 1");
  if (o.max_message_bytes == 0)
    throw std::invalid_argument(name + ": max_message_bytes must be at least 1");
  return o.window;
}

// Queue: queues::LockedQueue or queues::SpscPointerQueue of std::shared_ptr<const M>, where
// M(bytes) owns a body of `bytes` bytes reachable through body() (Message; tests substitute a
// counting M).
template <class Queue>
class HandoffEndpoint final : public Endpoint {
  using Ptr = typename Queue::value_type;
  using Msg = std::remove_const_t<typename Ptr::element_type>;

 public:
  HandoffEndpoint(Queue& out, Queue& in, std::size_t max_message_bytes, const char* what)
      : out_(out), in_(in), max_(max_message_bytes), what_(what) {}

  std::span<std::byte> prepare(std::size_t bytes) override {
    if (bytes == 0 || bytes > max_)
      throw std::invalid_argument(std::string(what_) + ": message of " + std::to_string(bytes) +
                                  " bytes outside 1.." + std::to_string(max_));
    out_.throw_if_closed();
    pending_ = std::make_shared<Msg>(bytes);
    return pending_->body();
  }

  void send() override {
    if (!pending_) throw std::logic_error(std::string(what_) + ": send() without prepare()");
    out_.push(Ptr(std::move(pending_)));  // converting move: the count stays 1
  }

  std::span<const std::byte> receive() override {
    held_ = in_.pop();
    return held_->body();
  }

  // Drops our reference; never throws, so a message is freed even after abort().
  void release() override { held_.reset(); }

 private:
  Queue& out_;
  Queue& in_;
  std::size_t max_;
  const char* what_;
  std::shared_ptr<Msg> pending_;  // prepared, not yet sent: still writable
  Ptr held_;                      // received, not yet released
};

template <class Queue>
class HandoffChannel final : public Channel {
 public:
  HandoffChannel(const ChannelOptions& o, const char* what)
      : ab_(queue_capacity(o, what), what),
        ba_(queue_capacity(o, what), what),
        a_(ab_, ba_, o.max_message_bytes, what),
        b_(ba_, ab_, o.max_message_bytes, what) {}

  Endpoint& a() override { return a_; }
  Endpoint& b() override { return b_; }
  // Every blocked and later send() and prepare() throws ChannelClosed; receive() still delivers
  // what was queued before (at most `window` messages), then throws. Draining is what lets a
  // caller read the answer a peer sent just before it failed and the watchdog aborted.
  void abort() noexcept override {
    ab_.close();
    ba_.close();
  }

 private:
  // Declared before the endpoints, so destroyed after them: the queues free whatever is still
  // queued, the endpoints whatever was prepared or received and not released.
  Queue ab_, ba_;
  HandoffEndpoint<Queue> a_, b_;
};

}  // namespace tvp::sharedptr
