#include "tvp/fd/raw_pair.hpp"

#include <sys/socket.h>

#include <stdexcept>

#include "fd/socketpair.hpp"
#include "tvp/fd/io.hpp"
#include "tvp/kernel_buffers.hpp"

namespace tvp::fd {
namespace {

// A socket is both ends of its side.
RawPair socket_sides(SocketPair s) {
  RawPair p;
  p.a.rd = std::move(s.first);
  p.b.rd = std::move(s.second);
  return p;
}

}  // namespace

RawPair open_raw_pair(BareFds kind) {
  int type = 0;
  switch (kind) {
    case BareFds::none:
      throw std::invalid_argument("open_raw_pair: this transport has no raw descriptors");
    case BareFds::pipes: {
      PipeFds ab = make_pipe(), ba = make_pipe();
      for (const PipeFds* pipe : {&ab, &ba}) size_pipe_buffer(pipe->write.get());
      RawPair p;
      p.a = {std::move(ba.read), std::move(ab.write)};
      p.b = {std::move(ab.read), std::move(ba.write)};
      return p;
    }
    case BareFds::stream_socket:
      type = SOCK_STREAM;
      break;
    case BareFds::datagram_socket:
      type = SOCK_DGRAM;
      break;
    case BareFds::seqpacket_socket:
      type = SOCK_SEQPACKET;
      break;
    case BareFds::tcp_socket:
      return socket_sides(make_tcp_loopback_pair());
  }
  return socket_sides(make_socketpair(type));
}

void interrupt(RawPair& p) noexcept {
  for (const RawSide* s : {&p.a, &p.b})
    for (const UniqueFd* fd : {&s->rd, &s->wr}) interrupt(fd->get());
}

}  // namespace tvp::fd
