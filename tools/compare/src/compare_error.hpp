// Bad input found while comparing (after both files parsed): exit 2 with what() as the one line.
#pragma once

#include <stdexcept>

namespace tvp::compare {

class CompareError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tvp::compare
