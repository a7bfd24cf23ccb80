// Google Benchmark 1.7.1 exits 0 even when a benchmark called SkipWithError; tvp-bench must not.
// RunObserver wraps the display reporter, passes everything through unchanged, and remembers the
// runs that errored and those flagged suspect by the self-check (warning about each on stderr).
#pragma once

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace tvp::bench {

class RunObserver final : public benchmark::BenchmarkReporter {
 public:
  explicit RunObserver(std::unique_ptr<benchmark::BenchmarkReporter> inner);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  const std::vector<std::string>& errored() const { return errored_; }
  const std::vector<std::string>& suspect() const { return suspect_; }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> inner_;
  std::vector<std::string> errored_;
  std::vector<std::string> suspect_;
};

}  // namespace tvp::bench
