// tvp-bench-check: asserts what a tvp-bench smoke run must have produced. Reads the JSON report
// with tvp_gbjson (the tools' reader, so the tests see the report exactly as the tools do).
//
//   tvp-bench-check REPORT [CHECK...]
//     --matrix=FAMILY/PLACEMENT/BYTES   latency-style names for every registry transport x model it
//                                       supports: FAMILY/<t>/<m>/PLACEMENT/BYTES/manual_time
//     --expect=RUN_NAME                 this run_name is present
//     --counters=PREFIX:C1,C2,...       every iteration entry whose run_name starts with PREFIX has
//                                       these counters, finite (and there is at least one entry)
//     --context=K1,K2,...               these custom context keys are present and non-empty
//     --expect-error=PREFIX:TEXT        an entry starting with PREFIX failed with TEXT in its
//     message
//     --expect-ratio=NAME               the paired ratio row NAME (e.g. ..._ratio_to_thread) is
//                                       present with a finite interval ci_low <= ratio <= ci_high
//                                       from >= 2 rounds, and the rows it compares are paired
//                                       (the same number of repetitions)
//   Every entry not named by --expect-error must have run without error.
// Exit 0: all checks hold; 1: a check failed (each failure on its own line); 2: bad arguments or
// an unreadable report.
#include <cmath>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tvp/gbjson.hpp"
#include "tvp/transport.hpp"

namespace gb = tvp::gbjson;

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  for (;;) {
    const auto i = s.find(sep);
    out.emplace_back(s.substr(0, i));
    if (i == std::string_view::npos) return out;
    s.remove_prefix(i + 1);
  }
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

class Checker {
 public:
  explicit Checker(const gb::Report& r) : r_(r) {}

  void expect_name(const std::string& run_name) {
    for (const auto& e : r_.benchmarks)
      if (e.run_name == run_name) return;
    fail("missing benchmark " + run_name);
  }

  // FAMILY/PLACEMENT/BYTES → every registry transport x supported model.
  void expect_matrix(const std::string& spec) {
    const auto f = split(spec, '/');
    if (f.size() != 3)
      throw std::invalid_argument("--matrix=" + spec + ": not FAMILY/PLACEMENT/BYTES");
    for (const auto& t : tvp::all_transports())
      for (auto [model, ok] :
           {std::pair{"thread", t.thread_ok}, std::pair{"process", t.process_ok}})
        if (ok)
          expect_name(f[0] + "/" + std::string(t.name) + "/" + model + "/" + f[1] + "/" + f[2] +
                      "/manual_time");
  }

  void expect_counters(const std::string& spec) {
    const auto colon = spec.find(':');
    if (colon == std::string::npos)
      throw std::invalid_argument("--counters=" + spec + ": not PREFIX:C1,C2");
    const std::string prefix = spec.substr(0, colon);
    const auto names = split(std::string_view(spec).substr(colon + 1), ',');
    int seen = 0;
    for (const auto& e : r_.benchmarks) {
      if (e.run_type != gb::RunType::iteration || e.error_occurred ||
          !starts_with(e.run_name, prefix))
        continue;
      ++seen;
      for (const auto& c : names) {
        const auto it = e.counters.find(c);
        if (it == e.counters.end())
          fail(e.name + ": no counter " + c);
        else if (!std::isfinite(it->second))
          fail(e.name + ": counter " + c + " is not a finite number");
      }
    }
    if (seen == 0) fail("no successful entry starts with " + prefix);
  }

  void expect_ratio(const std::string& name) {
    for (const auto& e : r_.benchmarks) {
      if (e.name != name) continue;
      const auto lo = e.counters.find("ci_low"), hi = e.counters.find("ci_high"),
                 rounds = e.counters.find("rounds");
      if (!e.holds_ratio() || lo == e.counters.end() || hi == e.counters.end() ||
          rounds == e.counters.end())
        return fail(name + ": not a ratio row with ci_low, ci_high and rounds");
      if (!(std::isfinite(lo->second) && std::isfinite(hi->second) && lo->second > 0 &&
            lo->second <= e.real_time && e.real_time <= hi->second))
        return fail(name + ": interval [" + std::to_string(lo->second) + ", " +
                    std::to_string(hi->second) + "] does not hold its ratio " +
                    std::to_string(e.real_time));
      if (rounds->second < 2 || rounds->second != static_cast<double>(e.repetitions))
        return fail(name + ": " + std::to_string(rounds->second) + " rounds for " +
                    std::to_string(e.repetitions) + " repetitions");
      return;
    }
    fail("missing ratio row " + name);
  }

  void expect_context(const std::string& spec) {
    for (const auto& k : split(spec, ',')) {
      const auto it = r_.context.custom.find(k);
      if (it == r_.context.custom.end() || it->second.empty()) fail("context has no " + k);
    }
  }

  void expect_error(const std::string& spec) {
    const auto colon = spec.find(':');
    if (colon == std::string::npos)
      throw std::invalid_argument("--expect-error=" + spec + ": not PREFIX:TEXT");
    const std::string prefix = spec.substr(0, colon), text = spec.substr(colon + 1);
    allowed_errors_.insert(prefix);
    for (const auto& e : r_.benchmarks)
      if (starts_with(e.run_name, prefix) && e.error_occurred &&
          e.error_message.find(text) != std::string::npos)
        return;
    fail("no entry starting with " + prefix + " failed with '" + text + "'");
  }

  void expect_no_other_errors() {
    for (const auto& e : r_.benchmarks) {
      if (!e.error_occurred) continue;
      bool allowed = false;
      for (const auto& p : allowed_errors_) allowed = allowed || starts_with(e.run_name, p);
      if (!allowed) fail(e.name + ": error_occurred: " + e.error_message);
    }
  }

  int failures() const { return failures_; }

 private:
  void fail(const std::string& what) {
    std::cerr << "tvp-bench-check: " << r_.path << ": " << what << '\n';
    ++failures_;
  }

  const gb::Report& r_;
  std::set<std::string> allowed_errors_;
  int failures_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tvp-bench-check REPORT [--matrix=F/P/B] [--expect=NAME] "
                 "[--counters=PREFIX:C,...] [--context=K,...] [--expect-error=PREFIX:TEXT] "
                 "[--expect-ratio=NAME]\n";
    return 2;
  }
  try {
    const gb::Report report = gb::load_report(argv[1], gb::Naming::strict);
    Checker check(report);
    for (int i = 2; i < argc; ++i) {
      const std::string_view arg = argv[i];
      const auto eq = arg.find('=');
      const std::string_view flag = arg.substr(0, eq);
      const std::string value(eq == std::string_view::npos ? "" : arg.substr(eq + 1));
      if (flag == "--matrix")
        check.expect_matrix(value);
      else if (flag == "--expect")
        check.expect_name(value);
      else if (flag == "--counters")
        check.expect_counters(value);
      else if (flag == "--context")
        check.expect_context(value);
      else if (flag == "--expect-ratio")
        check.expect_ratio(value);
      else if (flag == "--expect-error")
        check.expect_error(value);
      else
        throw std::invalid_argument(std::string(arg) + ": unknown check");
    }
    check.expect_no_other_errors();
    return check.failures() == 0 ? 0 : 1;
  } catch (const gb::Error& e) {
    std::cerr << "tvp-bench-check: " << e.what() << '\n';
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "tvp-bench-check: " << e.what() << '\n';
    return 2;
  }
}
