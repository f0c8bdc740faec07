#include "domain/model/check_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

std::string_view kind_of(const ProbeSpec& probe) {
  static constexpr std::string_view kKinds[] = {"http", "tcp",       "tls",  "dns",
                                                "icmp", "heartbeat", "exec", "mail"};
  return kKinds[probe.index()];
}

ValidationProblems validate(const CheckSpec& spec, const std::string& path) {
  ValidationProblems problems;
  if (auto problem = id_problem(spec.id.value)) {
    problems.push_back({path + ".id", "'" + spec.id.value + "' " + *problem});
  }
  if (auto problem = id_problem(spec.service.value)) {
    problems.push_back({path + ".service", "'" + spec.service.value + "' " + *problem});
  }
  require_positive(spec.interval, path + ".interval", problems);
  require_positive(spec.timeout, path + ".timeout", problems);
  require_positive(spec.retry_interval, path + ".retry_interval", problems);
  if (spec.interval > Duration::zero() && spec.interval < std::chrono::milliseconds(100)) {
    problems.push_back(
        {path + ".interval", describe(spec.interval) + " is below the 100ms minimum"});
  }
  require_in(spec.failure_threshold, kThresholdRange, path + ".failure_threshold", problems);
  require_in(spec.recovery_threshold, kThresholdRange, path + ".recovery_threshold", problems);
  require_positive(spec.reminder_interval, path + ".remind_every", problems);
  for (std::size_t i = 0; i < spec.notifiers.size(); ++i) {
    if (auto problem = id_problem(spec.notifiers[i].value)) {
      problems.push_back({path + ".notify[" + std::to_string(i) + "]",
                          "'" + spec.notifiers[i].value + "' " + *problem});
    }
  }
  validate(spec.depends_on, path + ".depends_on", problems);
  for (const Dependency& parent : spec.depends_on) {
    if (parent.kind == Dependency::Kind::kCheck && parent.id == spec.id.value)
      problems.push_back({path + ".depends_on", "a check cannot depend on itself"});
  }
  const std::string probe_path = path + "." + std::string(kind_of(spec.probe));
  std::visit([&](const auto& probe) { validate(probe, probe_path, problems); }, spec.probe);
  if (!spec.metrics.empty()) {
    if (std::holds_alternative<HttpSpec>(spec.probe))
      validate(spec.metrics, probe_path + ".metrics", problems);
    else
      problems.push_back({probe_path + ".metrics", "JSON metrics are read by http checks only"});
  }
  if (!spec.credentials.empty()) {
    if (std::holds_alternative<HttpSpec>(spec.probe))
      validate(spec.credentials, probe_path, problems);
    else
      problems.push_back({probe_path + ".auth", "authorization is for http checks only"});
  }
  return problems;
}

}  // namespace nyxmon::domain
