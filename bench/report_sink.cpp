#include "report_sink.hpp"

#include <cstring>
#include <stdexcept>

namespace tvp::bench {
namespace {

class RunsOnly final : public benchmark::BenchmarkReporter {
 public:
  RunsOnly(benchmark::BenchmarkReporter& display, benchmark::BenchmarkReporter* file)
      : display_(display), file_(file) {}
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    display_.ReportRuns(runs);
    if (file_) file_->ReportRuns(runs);
  }
  void Finalize() override {}

 private:
  benchmark::BenchmarkReporter& display_;
  benchmark::BenchmarkReporter* file_;
};

std::unique_ptr<benchmark::BenchmarkReporter> make_file_reporter(const std::string& format) {
  if (format == "console")
    return std::make_unique<benchmark::ConsoleReporter>(benchmark::ConsoleReporter::OO_None);
  return std::make_unique<benchmark::JSONReporter>();
}

}  // namespace

ReportSink::ReportSink(benchmark::BenchmarkReporter& display, const std::string& path,
                       const std::string& format)
    : display_(display) {
  if (!path.empty()) {
    out_.open(path, std::ios::out | std::ios::trunc);
    if (!out_) throw std::runtime_error("--benchmark_out: '" + path + "': " + std::strerror(errno));
    file_ = make_file_reporter(format);
    file_->SetOutputStream(&out_);
    file_->SetErrorStream(&display.GetErrorStream());
  }
  runs_only_ = std::make_unique<RunsOnly>(display_, file_.get());
  runs_only_->SetOutputStream(&display.GetOutputStream());
  runs_only_->SetErrorStream(&display.GetErrorStream());
}

void ReportSink::begin(std::size_t name_field_width) {
  benchmark::BenchmarkReporter::Context context;
  context.name_field_width = name_field_width;
  display_.ReportContext(context);
  if (file_) file_->ReportContext(context);
}

void ReportSink::end() {
  display_.Finalize();
  if (file_) {
    file_->Finalize();
    out_.flush();
  }
}

}  // namespace tvp::bench
