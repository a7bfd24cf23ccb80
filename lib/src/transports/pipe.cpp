// pipe: two pipes (one per direction) carrying length-framed messages. Copies twice through the
// kernel (write into the pipe buffer, read out of it).
#include <atomic>

#include "fd/stream_endpoint.hpp"
#include "tvp/fd/io.hpp"
#include "tvp/fd/raw_pair.hpp"
#include "tvp/transport.hpp"

namespace tvp::transports {
namespace {

class PipeChannel final : public Channel {
 public:
  PipeChannel(const ChannelOptions& o, const char* what) {
    // The very descriptors bare/pipe runs over (the row's bare fds), sized the same way.
    fd::RawPair p = fd::open_raw_pair(BareFds::pipes);
    a_ = std::make_unique<fd::StreamEndpoint>(std::move(p.a.rd), std::move(p.a.wr),
                                              o.max_message_bytes, aborted_, what);
    b_ = std::make_unique<fd::StreamEndpoint>(std::move(p.b.rd), std::move(p.b.wr),
                                              o.max_message_bytes, aborted_, what);
  }
  Endpoint& a() override { return *a_; }
  Endpoint& b() override { return *b_; }
  void abort() noexcept override {
    aborted_.store(true, std::memory_order_release);
    // Replacing every end we hold with /dev/null drops this process's references: a reader
    // blocked here sees end-of-file, a writer EPIPE, once the peer's copies are gone too.
    for (auto* e : {a_.get(), b_.get()}) {
      fd::neuter(e->read_fd());
      fd::neuter(e->write_fd());
    }
  }

 private:
  std::atomic<bool> aborted_{false};
  std::unique_ptr<fd::StreamEndpoint> a_, b_;
};

}  // namespace

std::unique_ptr<Channel> make_pipe(const ChannelOptions& o, const char* what) {
  return std::make_unique<PipeChannel>(o, what);
}

}  // namespace tvp::transports
