// The connected TCP pair under tcp_loopback and its bare/ twin (fd/socketpair.hpp). A TCP socket
// has no socketpair(): the connection is made the way a client and a server make it, inside one
// process before any fork or thread, and the listener is closed again before anything is measured.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>

#include "fd/socketpair.hpp"
#include "tvp/error.hpp"
#include "tvp/kernel_buffers.hpp"

namespace tvp::fd {
namespace {

UniqueFd tcp_socket() {
  // SOCK_CLOEXEC: a posix_spawn'ed program (spawn family) must not inherit transport sockets.
  UniqueFd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s) throw_errno("tcp loopback: socket(AF_INET, SOCK_STREAM)");
  // Before listen()/connect(): the receive buffer decides the window scale the SYN announces.
  size_socket_buffers(s.get());
  return s;
}

enum class End { local, peer };

sockaddr_in address_of(int fd, End end) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  auto* out = reinterpret_cast<sockaddr*>(&a);
  if ((end == End::local ? ::getsockname(fd, out, &len) : ::getpeername(fd, out, &len)) != 0)
    throw_errno(end == End::local ? "tcp loopback: getsockname" : "tcp loopback: getpeername");
  return a;
}

void no_delay(int fd) {
  // Each frame leaves at once: without it Nagle holds a small write back while an earlier segment
  // is unacknowledged, which a ping-pong with a window of messages in flight would wait on.
  const int on = 1;
  if (::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0)
    throw_errno("tcp loopback: setsockopt(TCP_NODELAY)");
}

}  // namespace

SocketPair make_tcp_loopback_pair() {
  UniqueFd listener = tcp_socket();
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // 127.0.0.1 only: nothing off this machine
  addr.sin_port = 0;                              // the kernel picks a free port
  if (::bind(listener.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
    throw_errno("tcp loopback: bind(127.0.0.1:0)");
  if (::listen(listener.get(), 1) != 0) throw_errno("tcp loopback: listen");
  addr = address_of(listener.get(), End::local);

  UniqueFd client = tcp_socket();
  // Blocking connect: on loopback the kernel completes the handshake into the listen queue.
  if (::connect(client.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = errno;  // before the message is built
    throw SystemError(
        "tcp loopback: connect(127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + ")", err);
  }
  UniqueFd server(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
  if (!server) throw_errno("tcp loopback: accept4");
  listener.reset();  // nothing listens while the pair is in use

  // Another local process could have connected to the port between listen() and our connect():
  // make sure the accepted end is our own client's peer.
  const sockaddr_in mine = address_of(client.get(), End::local);
  const sockaddr_in theirs = address_of(server.get(), End::peer);
  if (mine.sin_port != theirs.sin_port || mine.sin_addr.s_addr != theirs.sin_addr.s_addr)
    throw SystemError("tcp loopback: accepted a connection from another process", ECONNREFUSED);

  for (const UniqueFd* s : {&client, &server}) no_delay(s->get());
  size_socket_buffers(server.get());  // inherited from the listener; raises only if it was not
  return {std::move(client), std::move(server)};
}

}  // namespace tvp::fd
