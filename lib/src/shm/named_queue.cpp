#include "shm/named_queue.hpp"

#include <boost/interprocess/exceptions.hpp>
#include <boost/interprocess/permissions.hpp>
#include <string>

#include "tvp/error.hpp"

namespace tvp::shm {

namespace bip = boost::interprocess;

NamedQueue::NamedQueue(std::size_t depth, std::size_t slot_bytes, const char* what,
                       const SuffixSource& next_suffix)
    : name_(create_unique(
          "mq", &bip::message_queue::remove,
          [&](const char* name) {
            try {
              // create_only is O_CREAT | O_EXCL; Boost fchmod()s to the exact mode (no umask).
              queue_ = std::make_unique<bip::message_queue>(bip::create_only, name, depth,
                                                            slot_bytes, bip::permissions(0600));
              return true;
            } catch (const bip::interprocess_exception& e) {
              if (e.get_error_code() == bip::already_exists_error) return false;
              throw SystemError(std::string(what) + ": message_queue " + name + " (" +
                                    std::to_string(depth) + " x " + std::to_string(slot_bytes) +
                                    " bytes)",
                                e.get_native_error());
            }
          },
          next_suffix)) {}

}  // namespace tvp::shm
