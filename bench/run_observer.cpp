#include "run_observer.hpp"

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
    if (r.run_type != Run::RT_Iteration) continue;  // aggregates repeat their iterations' verdict
    const auto it = r.counters.find("suspect");
    if (it != r.counters.end() && it->second.value != 0) {
      suspect_.push_back(r.benchmark_name());
      std::fprintf(
          stderr,
          "tvp-bench: warning: %s is faster than this run's floor allows (cache-line round "
          "trip / memcpy bandwidth): suspect, not a result\n",
          r.benchmark_name().c_str());
    }
  }
  inner_->ReportRuns(runs);
}

void RunObserver::Finalize() { inner_->Finalize(); }

}  // namespace tvp::bench
