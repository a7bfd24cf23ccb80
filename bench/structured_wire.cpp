#include "structured_wire.hpp"

#include <cstring>

namespace tvp::bench {

std::string_view to_string(Codec c) noexcept { return c == Codec::binary ? "binary" : "msgpack"; }

void RecordWire::send(Endpoint& ep, const Record& r) {
  if (codec_ == Codec::binary) {
    encode_binary(r, ep.prepare(binary_size(r)));
  } else {
    encode_msgpack(r, staging_);
    std::memcpy(ep.prepare(staging_.size()).data(), staging_.data(), staging_.size());
  }
  ep.send();
}

Record RecordWire::receive(Endpoint& ep) {
  const auto msg = ep.receive();
  try {
    Record r = codec_ == Codec::binary ? decode_binary(msg) : decode_msgpack(msg);
    ep.release();
    return r;
  } catch (...) {
    ep.release();
    throw;
  }
}

std::size_t RecordWire::wire_bytes(const Record& r) {
  if (codec_ == Codec::binary) return binary_size(r);
  encode_msgpack(r, staging_);
  return staging_.size();
}

}  // namespace tvp::bench
