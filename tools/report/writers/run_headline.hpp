// One line per report saying where it was measured, for the top of the summary and the page.
#pragma once

#include <string>

#include "model/dataset.hpp"

namespace tvp::report {

// "host ci-runner, 2 CPUs @ 2400 MHz, 2026-11-28T13:41:23+00:00, kernel: 6.1.0, revision: abc123"
// — host, CPUs and date always; then custom context fields whose names mention a kernel, CPU model,
// compiler, virtualisation or revision, since those explain most differences between two runs.
std::string run_headline(const Run& run);

}  // namespace tvp::report
