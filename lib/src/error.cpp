#include "tvp/error.hpp"

#include <cerrno>
#include <cstring>

namespace tvp {

SystemError::SystemError(const std::string& context, int err)
    : std::runtime_error(context + ": " + std::strerror(err)), err_(err) {}

void throw_errno(const std::string& context) { throw SystemError(context, errno); }

}  // namespace tvp
