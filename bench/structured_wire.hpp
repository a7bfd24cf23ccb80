// A Record over a byte transport: encode → Endpoint → decode, in one of the record codecs. The
// binary layout is written straight into the transport's buffer (its size is known up front);
// MessagePack is encoded into a reused staging vector first and copied in, because nlohmann::json
// must finish the encoding before the size is known — a copy a MessagePack user pays as well.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tvp/record.hpp"
#include "tvp/transport.hpp"

namespace tvp::bench {

enum class Codec { binary, msgpack };
std::string_view to_string(Codec c) noexcept;

class RecordWire {
 public:
  explicit RecordWire(Codec c) : codec_(c) {}

  // Encodes `r` into a message and sends it. Throws ChannelClosed.
  void send(Endpoint& ep, const Record& r);
  // Receives one message and decodes it. Throws ChannelClosed, CodecError.
  Record receive(Endpoint& ep);
  // The encoded size of `r` (for ChannelOptions::max_message_bytes, with the largest id it will
  // carry already set: MessagePack's integers grow with their value).
  std::size_t wire_bytes(const Record& r);

 private:
  Codec codec_;
  std::vector<std::uint8_t> staging_;  // MessagePack only
};

}  // namespace tvp::bench
