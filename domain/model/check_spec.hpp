// check_spec.hpp — everything an operator says about one check: what to
// probe, how often, and the rules that turn its results into a status.
//
// Defaults follow DESIGN.md ("Check semantics"). A spec is carried whole in
// CheckDefined/CheckRedefined events, so the log alone says what every check
// was at any time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/model/dependency.hpp"
#include "domain/model/dns_spec.hpp"
#include "domain/model/exec_spec.hpp"
#include "domain/model/heartbeat_spec.hpp"
#include "domain/model/http_credentials.hpp"
#include "domain/model/http_spec.hpp"
#include "domain/model/icmp_spec.hpp"
#include "domain/model/ids.hpp"
#include "domain/model/mail_spec.hpp"
#include "domain/model/metric_rule.hpp"
#include "domain/model/number_range.hpp"
#include "domain/model/tcp_spec.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

// failure_threshold and recovery_threshold: consecutive results.
inline constexpr NumberRange kThresholdRange{1, 100};

// New kinds go at the end: a definition records the alternative's index.
using ProbeSpec =
    std::variant<HttpSpec, TcpSpec, TlsSpec, DnsSpec, IcmpSpec, HeartbeatSpec, ExecSpec, MailSpec>;

// "http", "tcp", "tls", "dns", "icmp", "heartbeat", "exec", "mail".
std::string_view kind_of(const ProbeSpec& probe);

struct CheckSpec {
  CheckId id;
  ServiceId service;
  std::string name;  // for people; the id when empty
  ProbeSpec probe;
  Duration interval = std::chrono::seconds(60);
  Duration timeout = std::chrono::seconds(10);
  // Between runs while a failure is soft (below failure_threshold). Never
  // longer than `interval`: the shorter of the two applies.
  Duration retry_interval = std::chrono::seconds(15);
  int failure_threshold = 3;   // consecutive failing results before down
  int recovery_threshold = 2;  // consecutive good results before up again
  Severity severity = Severity::kCritical;
  bool enabled = true;
  // While down, remind every this long; nullopt: no reminders.
  std::optional<Duration> reminder_interval;
  std::vector<NotifierId> notifiers;
  // Parents: while one fails, this check's problems are `unreachable`.
  std::vector<Dependency> depends_on;
  // http: values read from the JSON body, with thresholds.
  std::vector<MetricRule> metrics;
  // http: authorization and a client certificate.
  HttpCredentials credentials;

  bool operator==(const CheckSpec&) const = default;

  Duration effective_retry_interval() const { return std::min(retry_interval, interval); }
  const std::string& display_name() const { return name.empty() ? id.value : name; }

  static constexpr std::uint16_t kSchema = 4;
  template <class Archive>
  void serialize(Archive& archive) {
    serialize_schema<kSchema>(archive);
  }
  // The fields definitions of schema `Schema` carried: 2 added depends_on,
  // 3 metrics, 4 credentials.
  template <std::uint16_t Schema, class Archive>
  void serialize_schema(Archive& archive) {
    archive(id, service, name, probe, interval, timeout, retry_interval, failure_threshold,
            recovery_threshold, severity, enabled, reminder_interval, notifiers);
    if constexpr (Schema >= 2) archive(depends_on);
    if constexpr (Schema >= 3) archive(metrics);
    if constexpr (Schema >= 4) archive(credentials);
  }
};

// Every problem of `spec`, each at `path` + its field ("checks[2].interval").
ValidationProblems validate(const CheckSpec& spec, const std::string& path);

}  // namespace nyxmon::domain
