// An output stream that forwards whole lines to another stream, except lines that begin with a
// given prefix. tvp-bench gives it to Google Benchmark as the error stream, to drop the library's
// own "Failed to match any benchmarks" line: tvp-bench says that in its one-line error instead
// (exit 2), and bad input must get exactly one line.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace tvp::bench {

class DroppingLineStream : public std::ostream {
 public:
  // REQUIRES: `out` outlives this stream.
  DroppingLineStream(std::ostream& target, std::string prefix)
      : std::ostream(&buf_), buf_(target, std::move(prefix)) {}
  ~DroppingLineStream() override { buf_.pubsync(); }

 private:
  class Buf : public std::streambuf {
   public:
    Buf(std::ostream& target, std::string prefix) : out_(target), prefix_(std::move(prefix)) {}

   protected:
    int_type overflow(int_type c) override {
      if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
      line_.push_back(traits_type::to_char_type(c));
      if (line_.back() == '\n') emit();
      return c;
    }
    // A line still open is passed on too (Google Benchmark ends its lines, but nothing is lost).
    int sync() override {
      emit();
      return out_.flush() ? 0 : -1;
    }

   private:
    void emit() {
      if (line_.rfind(prefix_, 0) != 0) out_ << line_ << std::flush;
      line_.clear();
    }
    std::ostream& out_;
    std::string prefix_;
    std::string line_;
  };
  Buf buf_;
};

}  // namespace tvp::bench
