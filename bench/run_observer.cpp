#include "run_observer.hpp"

#include <algorithm>
#include <cstdio>

namespace tvp::bench {

RunObserver::RunObserver(std::unique_ptr<benchmark::BenchmarkReporter> inner)
    : inner_(std::move(inner)) {}

bool RunObserver::ReportContext(const Context& context) {
  // Google Benchmark sets the streams on the reporter it was given (this one): pass them on.
  inner_->SetOutputStream(&GetOutputStream());
  inner_->SetErrorStream(&GetErrorStream());
  return inner_->ReportContext(context);
}

void RunObserver::ReportRuns(const std::vector<Run>& runs) {
  for (const Run& r : runs) {
    if (r.error_occurred) {
      errored_.push_back(r.benchmark_name() + ": " + r.error_message);
      continue;
    }
    // One verdict per benchmark: its first row that carries one (the paired runner's console gets
    // the aggregates only; a ratio row repeats its sides' verdict).
    if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "mean") continue;
    const auto it = r.counters.find("suspect");
    const std::string name = r.run_name.str();
    if (it != r.counters.end() && it->second.value != 0 &&
        std::find(suspect_.begin(), suspect_.end(), name) == suspect_.end()) {
      suspect_.push_back(name);
      std::fprintf(
          stderr,
          "tvp-bench: warning: %s is faster than the floor measured in the same rounds "
          "(cache-line round trip / memcpy bandwidth): suspect, not a result\n",
          name.c_str());
    }
  }
  inner_->ReportRuns(runs);
}

void RunObserver::Finalize() { inner_->Finalize(); }

}  // namespace tvp::bench
