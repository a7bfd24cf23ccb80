#include "peer/launch.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "peer/fault_injection.hpp"
#include "peer/outcome.hpp"
#include "peer/peer_main.hpp"
#include "tvp/error.hpp"

namespace tvp::peer {
namespace {

PipeFds make_status_pipe() {
  inject(Step::status_pipe, "pipe2 (peer status)");
  return make_pipe();
}

}  // namespace

Launch::Launch(const PeerOptions& opt, Peer::Body body, PeerBlock& block, StopSignal& stop)
    : opt_(opt),
      block_(block),
      stop_(stop),
      body_(std::move(body)),
      thread_(block, stop, release_) {
  PipeFds status = make_status_pipe();
  if (opt_.model == Model::thread)
    start_thread(std::move(status));
  else
    start_child(std::move(status));
  const Handshake handshake = wait_ready();
  if (handshake == Handshake::ready) return;
  // It ended before the handshake, or is stuck before it: the latter counts as a stall.
  const bool stalled = handshake == Handshake::silent;
  stop_.fire();
  child_.kill();
  release_.release();
  Ending ending{.stalled = stalled, .ended_early = false, .wait_status = reap(stalled)};
  throw PeerError(describe_failure(opt_.name, pid(), opt_.stall_timeout, block_, ending)
                      .value_or(who() + " did not complete the start handshake"));
}

std::string Launch::who() const { return describe_peer(opt_.name, pid()); }

void Launch::start_thread(PipeFds status) {
  inject(Step::peer_thread, "start the peer thread");
  thread_.start([this, wr = std::move(status.write)]() mutable {
    peer_main(block_, {}, body_, opt_.cpu, std::move(wr), release_.read_fd());
  });
  status_rd_ = std::move(status.read);
}

void Launch::start_child(PipeFds status) {
  const std::string what = "fork for peer '" + opt_.name + "'";
  inject(Step::fork, what.c_str());
  const pid_t parent = ::getpid();
  std::fflush(nullptr);  // or the child would flush the parent's buffered output a second time
  const pid_t pid = ::fork();
  if (pid < 0) throw_errno(what);
  if (pid == 0) {
    // Child. The parent dying (even by SIGKILL) must take us along; check for the race where it
    // died before prctl.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(120);
    status.read.reset();
    release_.close_write_end_in_child();  // so the parent dying releases us too
    // in_child runs inside peer_main: an exception from it is the peer's failure, reported to the
    // parent, and never unwinds into the copy of the parent's stack.
    peer_main(block_, opt_.in_child, body_, opt_.cpu, std::move(status.write), release_.read_fd());
    ::_exit(block_.outcome.load(std::memory_order_acquire) == kOk ? 0 : 1);
  }
  child_.adopt(pid);     // from here on, any throw kills and reaps it
  status.write.reset();  // the child holds the only write end: its exit is our end-of-file
  status_rd_ = std::move(status.read);
  if (opt_.in_parent) opt_.in_parent();
}

Launch::Handshake Launch::wait_ready() {
  pollfd p{status_rd_.get(), POLLIN, 0};
  const int ms = static_cast<int>(opt_.stall_timeout.count());
  for (;;) {
    inject(Step::handshake_poll, ("poll " + who()).c_str());
    int rc = ::poll(&p, 1, ms);
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) throw_errno("poll " + who());
    if (rc == 0) return Handshake::silent;
    char c;
    ssize_t n = ::read(status_rd_.get(), &c, 1);
    if (n < 0 && errno == EINTR) continue;
    // kEndedByte first: the peer failed before its handshake (in_child or pinning threw).
    return n == 1 && c == kReadyByte ? Handshake::ready : Handshake::ended;
  }
}

int Launch::reap(bool stalled) noexcept {
  if (opt_.model == Model::process) return child_.reap();
  // After a stall the channel was aborted and stop requested: a thread blocked in a transport
  // returns; one that ignores both would hang us, which is worse than dying loudly.
  if (stalled) {
    pollfd p{status_rd_.get(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(opt_.stall_timeout.count())) == 0) {
      std::fprintf(stderr, "tvp: %s ignored the stop request for %lld ms; aborting\n",
                   who().c_str(), static_cast<long long>(opt_.stall_timeout.count()));
      std::_Exit(3);
    }
  }
  thread_.join();
  return 0;
}

}  // namespace tvp::peer
