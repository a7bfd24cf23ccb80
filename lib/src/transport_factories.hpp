// Internal: the factory of every transport, one per file in lib/src/transports/. Only the registry
// (transport_registry.cpp) calls these; everything else goes through tvp::all_transports().
#pragma once

#include <memory>

#include "tvp/transport.hpp"

namespace tvp::transports {

std::unique_ptr<Channel> make_sharedptr_mutex(const ChannelOptions& o);
std::unique_ptr<Channel> make_sharedptr_spsc(const ChannelOptions& o);
std::unique_ptr<Channel> make_pipe(const ChannelOptions& o);
std::unique_ptr<Channel> make_unix_stream(const ChannelOptions& o);
std::unique_ptr<Channel> make_unix_dgram(const ChannelOptions& o);
std::unique_ptr<Channel> make_unix_seqpacket(const ChannelOptions& o);
std::unique_ptr<Channel> make_shm_ring(const ChannelOptions& o);
std::unique_ptr<Channel> make_shm_ring_wait(const ChannelOptions& o);
std::unique_ptr<Channel> make_shm_mq(const ChannelOptions& o);
std::unique_ptr<Channel> make_shm_handoff(const ChannelOptions& o);

}  // namespace tvp::transports
