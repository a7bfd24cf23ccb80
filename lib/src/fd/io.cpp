#include "tvp/fd/io.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "tvp/error.hpp"
#include "tvp/unique_fd.hpp"

namespace tvp::fd {

void write_all(int fd, const void* buf, std::size_t n, const char* what) {
  auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      // ECONNREFUSED, then ENOTCONN: a connected datagram socket whose peer socket is gone (as in
      // fd/packet_endpoint.cpp; found by the fault trials: bare/unix_dgram's killed peer read as an
      // I/O error that did not name it).
      if (errno == EPIPE || errno == ECONNRESET || errno == ECONNREFUSED || errno == ENOTCONN ||
          errno == EBADF)
        throw ChannelClosed(std::string(what) + ": peer closed the channel");
      throw_errno(std::string(what) + ": write");
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

std::size_t read_some(int fd, void* buf, std::size_t n, const char* what) {
  for (;;) {
    ssize_t r = ::read(fd, buf, n);
    if (r > 0) return static_cast<std::size_t>(r);
    if (r == 0) throw ChannelClosed(std::string(what) + ": peer closed the channel (end of file)");
    if (errno == EINTR) continue;
    if (errno == ECONNRESET || errno == ECONNREFUSED || errno == EBADF)
      throw ChannelClosed(std::string(what) + ": peer closed the channel");
    throw_errno(std::string(what) + ": read");
  }
}

void read_exact(int fd, void* buf, std::size_t n, const char* what) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    const std::size_t got = read_some(fd, p, n, what);
    p += got;
    n -= got;
  }
}

void neuter(int fd) noexcept {
  if (fd < 0) return;
  const UniqueFd devnull(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (devnull) ::dup3(devnull.get(), fd, O_CLOEXEC);
}

void shut_down(int fd) noexcept {
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

void interrupt(int fd) noexcept {
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode))
    shut_down(fd);
  else
    neuter(fd);
}

void throw_if_aborted(const std::atomic<bool>& flag, const char* what) {
  if (flag.load(std::memory_order_acquire))
    throw ChannelClosed(std::string(what) + ": channel aborted");
}

}  // namespace tvp::fd
