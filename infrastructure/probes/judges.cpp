#include "infrastructure/probes/judges.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "domain/model/bounded_text.hpp"
#include "domain/model/duration_text.hpp"
#include "infrastructure/probes/failure_reason.hpp"
#include "infrastructure/probes/json_metrics.hpp"
#include "infrastructure/probes/json_path.hpp"

namespace nyxmon::infra::probes {

using namespace nyxmon::domain;

namespace {

domain::PhaseTimings phases_of(const PhaseTimings& timings) {
  return {timings.resolve, timings.connect, timings.tls, timings.first_byte, timings.total};
}

// Outcome and reason accumulate: the first failure wins; a warning stands
// only while nothing failed.
struct Verdict {
  Outcome outcome = Outcome::kOk;
  std::string reason;
  void fail(std::string why) {
    if (outcome == Outcome::kFail || outcome == Outcome::kError) return;
    outcome = Outcome::kFail;
    reason = std::move(why);
  }
  void error(std::string why) {
    if (outcome == Outcome::kError) return;
    outcome = Outcome::kError;
    reason = std::move(why);
  }
  void warn(std::string why) {
    if (outcome != Outcome::kOk) return;
    outcome = Outcome::kWarn;
    reason = std::move(why);
  }
  void into(ProbeResult& result) {
    result.outcome = outcome;
    result.reason = std::move(reason);
  }
};

void judge_certificate(std::optional<int> days_left, int warn_days, int fail_days,
                       Verdict& verdict) {
  if (!days_left) return;
  if (*days_left < 0) {
    verdict.fail("certificate expired " + std::to_string(-*days_left) + " days ago");
  } else if (*days_left < fail_days) {
    verdict.fail("certificate expires in " + std::to_string(*days_left) + " days (< " +
                 std::to_string(fail_days) + ")");
  } else if (*days_left < warn_days) {
    verdict.warn("certificate expires in " + std::to_string(*days_left) + " days (< " +
                 std::to_string(warn_days) + ")");
  }
}

// Compiled regular expressions, shared by every run of every check.
const RE2& regex_for(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<RE2>> compiled;
  std::lock_guard lock(mutex);
  auto& slot = compiled[pattern];
  if (!slot) slot = std::make_unique<RE2>(pattern, RE2::Quiet);
  return *slot;
}

std::string status_list(const std::vector<StatusRange>& ranges) {
  std::string text;
  for (const auto& range : ranges) {
    if (!text.empty()) text += ", ";
    text += range.low == range.high ? std::to_string(range.low)
                                    : std::to_string(range.low) + "-" + std::to_string(range.high);
  }
  return text;
}

// A value the target chose, as it appears inside a reason.
std::string quoted_value(std::string_view text) {
  return bounded_text(text, kMaxQuotedBytes);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

ProbeResult judge(const HttpSpec& spec, const HttpExchange& exchange,
                  const std::vector<MetricRule>& metrics) {
  ProbeResult result;
  result.phases = phases_of(exchange.timings);
  result.duration = exchange.timings.total;
  result.certificate_days_left = exchange.certificate_days_left;
  Verdict verdict;
  if (!exchange.failure.empty()) {
    verdict.fail(exchange.failure);
    verdict.into(result);
    return result;
  }
  result.status_code = exchange.status;
  const auto& expect = spec.expect;
  if (std::none_of(expect.status.begin(), expect.status.end(),
                   [&](const StatusRange& range) { return range.contains(exchange.status); })) {
    verdict.fail("expected status " + status_list(expect.status) + ", got " +
                 std::to_string(exchange.status));
  }
  if (expect.location) {
    if (!exchange.first_location)
      verdict.fail("expected a redirect to " + *expect.location + ", got none");
    else if (*exchange.first_location != *expect.location) {
      verdict.fail("expected a redirect to " + *expect.location + ", got " +
                   quoted_value(*exchange.first_location));
    }
  }
  for (const auto& header : expect.headers) {
    auto value = exchange.header(header.name);
    if (!value)
      verdict.fail("expected header " + header.name + ", got none");
    else if (lowercase(*value).find(lowercase(header.contains)) == std::string::npos) {
      verdict.fail("expected header " + header.name + " to contain '" + header.contains +
                   "', got '" + quoted_value(*value) + "'");
    }
  }
  if (!expect.body_contains.empty() &&
      exchange.body.find(expect.body_contains) == std::string::npos) {
    verdict.fail("body does not contain '" + expect.body_contains + "'" +
                 (exchange.body_truncated
                      ? " in its first " + std::to_string(exchange.body.size()) + " bytes"
                      : ""));
  }
  if (!expect.body_regex.empty()) {
    const RE2& regex = regex_for(expect.body_regex);
    if (!regex.ok())
      verdict.error("body_regex does not compile: " + regex.error());
    else if (!RE2::PartialMatch(exchange.body, regex)) {
      verdict.fail("body does not match /" + expect.body_regex + "/");
    }
  }
  if (!expect.json_path.empty()) {
    if (auto why = json_mismatch(exchange.body, expect.json_path, expect.json_equals);
        !why.empty()) {
      verdict.fail(why);
    }
  }
  for (auto& finding : read_json_metrics(exchange.body, metrics, result.measurements)) {
    if (finding.outcome == Outcome::kWarn)
      verdict.warn(std::move(finding.reason));
    else
      verdict.fail(std::move(finding.reason));
  }
  if (expect.latency_fail && exchange.timings.total > *expect.latency_fail) {
    verdict.fail(
        "took " +
        describe(std::chrono::duration_cast<std::chrono::milliseconds>(exchange.timings.total)) +
        " (> " + describe(*expect.latency_fail) + ")");
  } else if (expect.latency_warn && exchange.timings.total > *expect.latency_warn) {
    verdict.warn(
        "took " +
        describe(std::chrono::duration_cast<std::chrono::milliseconds>(exchange.timings.total)) +
        " (> " + describe(*expect.latency_warn) + ")");
  }
  judge_certificate(exchange.certificate_days_left, expect.certificate_warn_days,
                    expect.certificate_fail_days, verdict);
  verdict.into(result);
  return result;
}

namespace {

// tcp and tls checks: the conversation's failure, then the certificate.
ProbeResult judge_connection(const TcpExchange& exchange, int warn_days, int fail_days) {
  ProbeResult result;
  result.phases = phases_of(exchange.timings);
  result.duration = exchange.timings.total;
  result.certificate_days_left = exchange.certificate_days_left;
  Verdict verdict;
  if (!exchange.failure.empty()) verdict.fail(exchange.failure);
  judge_certificate(exchange.certificate_days_left, warn_days, fail_days, verdict);
  verdict.into(result);
  return result;
}

}  // namespace

ProbeResult judge(const TcpSpec& spec, const TcpExchange& exchange) {
  return judge_connection(exchange, spec.certificate_warn_days, spec.certificate_fail_days);
}

ProbeResult judge(const TlsSpec& spec, const TcpExchange& exchange) {
  return judge_connection(exchange, spec.certificate_warn_days, spec.certificate_fail_days);
}

ProbeResult judge(const DnsSpec& spec, const DnsQueryResult& answer) {
  ProbeResult result;
  result.duration = answer.duration;
  result.phases.total = answer.duration;
  result.answers = answer.answers;
  Verdict verdict;
  if (!answer.failure.empty()) {
    verdict.fail(answer.failure);
  } else if (answer.rcode != spec.expected_rcode) {
    verdict.fail("expected rcode " + spec.expected_rcode + ", got " + answer.rcode);
  } else if (spec.expected.empty()) {
    if (spec.expected_rcode == "NOERROR" && answer.answers.empty()) {
      verdict.fail("no " + std::string(to_string(spec.type)) + " records for " + spec.name);
    }
  } else {
    auto found = [&](const std::string& wanted) {
      return std::find(answer.answers.begin(), answer.answers.end(), wanted) !=
             answer.answers.end();
    };
    const bool any = std::any_of(spec.expected.begin(), spec.expected.end(), found);
    const bool all = std::all_of(spec.expected.begin(), spec.expected.end(), found);
    if (spec.match == DnsMatch::kAll ? !all : !any) {
      std::string got;
      for (const auto& a : answer.answers)
        got += (got.empty() ? "" : ", ") + a;
      got = quoted_value(got);
      std::string wanted;
      for (const auto& w : spec.expected)
        wanted += (wanted.empty() ? "" : ", ") + w;
      verdict.fail(std::string("expected ") +
                   (spec.match == DnsMatch::kAll ? "all of " : "one of ") + wanted + ", got " +
                   (got.empty() ? "no answers" : got));
    }
  }
  verdict.into(result);
  return result;
}

ProbeResult judge(const IcmpSpec& spec, const IcmpEchoResult& echo) {
  ProbeResult result;
  result.duration = echo.duration;
  result.phases.total = echo.rtt_avg;
  result.answers = {std::to_string(echo.received) + "/" + std::to_string(echo.sent) + " received"};
  Verdict verdict;
  if (!echo.failure.empty()) {
    if (echo.failure.starts_with("cannot open an ICMP socket"))
      verdict.error(echo.failure);
    else
      verdict.fail(echo.failure);
  } else {
    const double loss = echo.loss_percent();
    const std::string loss_text = std::to_string(static_cast<int>(loss)) + "% loss";
    if (loss >= spec.loss_fail_percent)
      verdict.fail(loss_text + " (" + result.answers[0] + ")");
    else if (loss >= spec.loss_warn_percent)
      verdict.warn(loss_text + " (" + result.answers[0] + ")");
    const auto rtt_ms = std::chrono::duration_cast<std::chrono::milliseconds>(echo.rtt_avg);
    if (echo.received > 0 && spec.rtt_fail && echo.rtt_avg > *spec.rtt_fail) {
      verdict.fail("average round trip " + describe(rtt_ms) + " (> " + describe(*spec.rtt_fail) +
                   ")");
    } else if (echo.received > 0 && spec.rtt_warn && echo.rtt_avg > *spec.rtt_warn) {
      verdict.warn("average round trip " + describe(rtt_ms) + " (> " + describe(*spec.rtt_warn) +
                   ")");
    }
  }
  verdict.into(result);
  return result;
}

ProbeResult judge(const MailSpec& spec, const MailRoundTrip& trip) {
  ProbeResult result;
  result.phases = phases_of(trip.timings);
  result.duration = trip.timings.total;
  result.certificate_days_left = trip.certificate_days_left;
  const auto seconds = [](std::chrono::nanoseconds duration) {
    return std::chrono::duration<double>(duration).count();
  };
  if (trip.sent) {
    result.measurements.push_back({"send_time", seconds(trip.send_time), "s", {}});
    result.answers.push_back("Message-ID " + trip.message_id);
    result.answers.push_back("SMTP: " + bounded_text(trip.accepted, 200));
  }
  Verdict verdict;
  if (!trip.failure.empty()) {
    verdict.fail(trip.failure);
  } else {
    result.measurements.push_back({"delivery_delay", seconds(trip.delivery_delay), "s", {}});
    if (spec.warn_after && trip.delivery_delay > *spec.warn_after) {
      verdict.warn("delivered in " + format_duration(trip.delivery_delay) + ", over warn_after " +
                   describe(*spec.warn_after));
    }
    if (!trip.cleanup.empty()) verdict.warn("delivered, but not deleted: " + trip.cleanup);
  }
  verdict.into(result);
  return result;
}

}  // namespace nyxmon::infra::probes
