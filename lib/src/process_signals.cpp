#include "tvp/process_signals.hpp"

#include <signal.h>

void tvp::ignore_sigpipe() noexcept { ::signal(SIGPIPE, SIG_IGN); }
