// Argument checks shared by the shared-memory transports, with one-line messages naming the
// transport and the cause.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "tvp/transport.hpp"

namespace tvp::shm {

// Frame headers carry a message size in 32 bits (and a little framing on top).
inline constexpr std::size_t kMaxMessageLimit = std::numeric_limits<std::uint32_t>::max() - 64;

inline void require_options(const ChannelOptions& o, const char* what) {
  if (o.max_message_bytes == 0 || o.max_message_bytes > kMaxMessageLimit)
    throw std::invalid_argument(std::string(what) + ": max_message_bytes " +
                                std::to_string(o.max_message_bytes) + " outside 1.." +
                                std::to_string(kMaxMessageLimit));
}

inline void require_message_size(std::size_t bytes, std::size_t max, const char* what) {
  if (bytes == 0 || bytes > max)
    throw std::invalid_argument(std::string(what) + ": message of " + std::to_string(bytes) +
                                " bytes outside 1.." + std::to_string(max));
}

}  // namespace tvp::shm
