// judge(ExecSpec, ProcessOutcome): a plugin's exit code, summary and
// performance data as a result (declared in judges.hpp).
#include <signal.h>
#include <string.h>

#include "domain/model/bounded_text.hpp"
#include "domain/model/duration_text.hpp"
#include "infrastructure/probes/judges.hpp"
#include "infrastructure/probes/plugin_output.hpp"

namespace nyxmon::infra::probes {

using namespace nyxmon::domain;

namespace {

std::string signal_name(int signal) {
  const char* abbreviation = ::sigabbrev_np(signal);
  return abbreviation ? "SIG" + std::string(abbreviation) : "signal " + std::to_string(signal);
}

}  // namespace

ProbeResult judge(const ExecSpec& spec, const ProcessOutcome& process) {
  ProbeResult result;
  result.duration = process.duration;
  result.phases.total = process.duration;
  if (!process.failure.empty()) {
    result.outcome = Outcome::kError;
    result.reason = process.failure;
    return result;
  }
  PluginOutput output = parse_plugin_output(process.output);
  result.measurements = std::move(output.performance_data);
  std::string said = output.summary.empty() ? first_line_said(process.errors) : output.summary;
  const std::string command = spec.command.empty() ? "the command" : spec.command.front();
  if (process.timed_out) {
    result.outcome = Outcome::kFail;
    result.reason =
        "timed out after " +
        describe(std::chrono::duration_cast<std::chrono::milliseconds>(process.duration)) + "; " +
        command + " and its process group were killed" +
        (said.empty() ? "" : " (it said: " + said + ")");
  } else if (process.signal != 0) {
    result.outcome = Outcome::kError;
    result.reason = command + " was killed by " + signal_name(process.signal) +
                    (said.empty() ? "" : " (it said: " + said + ")");
  } else {
    const int code = process.exit_code.value_or(-1);
    switch (code) {
      case 0:
        result.outcome = Outcome::kOk;
        break;
      case 1:
        result.outcome = Outcome::kWarn;
        break;
      case 2:
        result.outcome = Outcome::kFail;
        break;
      default:
        result.outcome = Outcome::kError;
        break;
    }
    if (code > 3 || code < 0) {
      result.reason = command + " exited with code " + std::to_string(code) +
                      ", which is not a plugin's 0-3" + (said.empty() ? "" : ": " + said);
    } else if (said.empty() && code != 0) {
      result.reason = command + " exited with code " + std::to_string(code) + " and said nothing";
    } else {
      result.reason = std::move(said);
    }
  }
  return result;
}

}  // namespace nyxmon::infra::probes
