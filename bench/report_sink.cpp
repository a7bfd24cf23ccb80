#include "report_sink.hpp"

#include <cstring>
#include <stdexcept>

namespace tvp::bench {
namespace {

class RunsOnly final : public benchmark::BenchmarkReporter {
 public:
  explicit RunsOnly(ReportSink& sink) : sink_(sink) {}
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    sink_.begin();
    sink_.display().ReportRuns(runs);
    if (sink_.file()) sink_.file()->ReportRuns(runs);
  }
  void Finalize() override {}

 private:
  ReportSink& sink_;
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
  runs_only_ = std::make_unique<RunsOnly>(*this);
  runs_only_->SetOutputStream(&display.GetOutputStream());
  runs_only_->SetErrorStream(&display.GetErrorStream());
}

void ReportSink::begin() {
  if (begun_) return;
  begun_ = true;
  benchmark::BenchmarkReporter::Context context;
  context.name_field_width = name_field_width_;
  display_.ReportContext(context);
  if (file_) file_->ReportContext(context);
}

void ReportSink::end() {
  if (!begun_) return;
  display_.Finalize();
  if (file_) {
    file_->Finalize();
    out_.flush();
  }
}

}  // namespace tvp::bench
