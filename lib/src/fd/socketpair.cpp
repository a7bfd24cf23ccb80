#include "fd/socketpair.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <climits>
#include <fstream>
#include <optional>

#include "tvp/error.hpp"
#include "tvp/kernel_buffers.hpp"

namespace tvp::fd {
namespace {

// A sysctl limit, clamped to what setsockopt's int can carry; nullopt if unreadable.
std::optional<int> read_limit(const char* path) {
  std::ifstream in(path);
  long long v = 0;
  if (!(in >> v) || v <= 0) return std::nullopt;
  return static_cast<int>(std::min<long long>(v, INT_MAX / 2));
}

int get_int_option(int fd, int option) {
  int v = 0;
  socklen_t len = sizeof(v);
  if (::getsockopt(fd, SOL_SOCKET, option, &v, &len) != 0) throw_errno("socket: getsockopt");
  return v;
}

void raise_buffer(int fd, int option, std::optional<int> limit) {
  // Only ever raise: a limit below the kernel's default would otherwise shrink the buffer. The
  // kernel doubles what it is given (getsockopt reports the doubled value). SO_SNDBUFFORCE would
  // need CAP_NET_ADMIN: not used.
  if (!limit || 2LL * *limit <= get_int_option(fd, option)) return;
  if (::setsockopt(fd, SOL_SOCKET, option, &*limit, sizeof(*limit)) != 0)
    throw_errno("socket: setsockopt(SO_SNDBUF/SO_RCVBUF)");
}

}  // namespace

SocketPair make_socketpair(int type) {
  int sv[2];
  // SOCK_CLOEXEC: a posix_spawn'ed program (spawn family) must not inherit transport sockets.
  if (::socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) != 0) throw_errno("socketpair(AF_UNIX)");
  SocketPair p{UniqueFd(sv[0]), UniqueFd(sv[1])};
  for (const UniqueFd* fd : {&p.first, &p.second}) size_socket_buffers(fd->get());
  return p;
}

BufferSizes buffer_sizes(int fd) {
  return {get_int_option(fd, SO_SNDBUF), get_int_option(fd, SO_RCVBUF)};
}

}  // namespace tvp::fd

void tvp::size_socket_buffers(int socket_fd) {
  // Linux charges in-flight AF_UNIX data to the SENDER's send buffer, which also caps one
  // datagram; it does not account against the receive buffer today, which is raised anyway for a
  // kernel that does.
  fd::raise_buffer(socket_fd, SO_SNDBUF, fd::read_limit("/proc/sys/net/core/wmem_max"));
  fd::raise_buffer(socket_fd, SO_RCVBUF, fd::read_limit("/proc/sys/net/core/rmem_max"));
}
