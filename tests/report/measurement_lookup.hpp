// The measurement of a loaded dataset with a given run name (and run index), or nullptr.
#pragma once

#include <cstddef>
#include <string>

#include "model/dataset.hpp"

namespace tvp::report::test {

inline const Measurement* find_measurement(const Dataset& d, const std::string& run_name,
                                           std::size_t run = 0) {
  for (const Measurement& m : d.measurements)
    if (m.run_name == run_name && m.run == run) return &m;
  return nullptr;
}

}  // namespace tvp::report::test
