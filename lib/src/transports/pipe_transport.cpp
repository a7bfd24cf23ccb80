// pipe: two pipes (one per direction) carrying length-framed messages. Copies twice through the
// kernel (write into the pipe buffer, read out of it).
#include <fcntl.h>
#include <signal.h>

#include <atomic>

#include "tvp/transport.hpp"
#include "fd_io.hpp"
#include "stream_endpoint.hpp"
#include "tvp/kernel_buffers.hpp"

void tvp::size_pipe_buffer(int pipe_fd) noexcept {
  ::fcntl(pipe_fd, F_SETPIPE_SZ, kPipeBufferBytes);
}

namespace tvp::transports {
namespace {

class PipeChannel final : public Channel {
 public:
  PipeChannel(const ChannelOptions& o, const char* what) {
    // A write to a pipe whose reader died must fail with EPIPE, not kill the benchmark.
    ::signal(SIGPIPE, SIG_IGN);
    PipeFds ab = tvp::make_pipe(), ba = tvp::make_pipe();
    for (int fd : {ab.write.get(), ba.write.get()}) size_pipe_buffer(fd);
    a_ = std::make_unique<StreamEndpoint>(std::move(ba.read), std::move(ab.write),
                                          o.max_message_bytes, aborted_, what);
    b_ = std::make_unique<StreamEndpoint>(std::move(ab.read), std::move(ba.write),
                                          o.max_message_bytes, aborted_, what);
  }
  Endpoint& a() override { return *a_; }
  Endpoint& b() override { return *b_; }
  void abort() noexcept override {
    aborted_.store(true, std::memory_order_release);
    // Replacing every end we hold with /dev/null drops this process's references: a reader
    // blocked here sees end-of-file, a writer EPIPE, once the peer's copies are gone too.
    for (auto* e : {a_.get(), b_.get()}) {
      fdio::neuter(e->read_fd());
      fdio::neuter(e->write_fd());
    }
  }

 private:
  std::atomic<bool> aborted_{false};
  std::unique_ptr<StreamEndpoint> a_, b_;
};

}  // namespace

std::unique_ptr<Channel> make_pipe(const ChannelOptions& o, const char* what) {
  return std::make_unique<PipeChannel>(o, what);
}

}  // namespace tvp::transports
