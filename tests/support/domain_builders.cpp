#include "tests/support/domain_builders.hpp"

namespace nyxmon::testing {

using namespace nyxmon::domain;

Timestamp at(Duration offset) {
  return from_unix_nanos(1'795'478'400'000'000'000) + offset;  // 2026-11-24T00:00:00Z
}

ServiceSpec service_spec(std::string id) {
  return ServiceSpec{ServiceId{std::move(id)}, "", ""};
}

CheckSpec http_check(std::string id, std::string service, std::string url) {
  CheckSpec spec;
  spec.id = CheckId{std::move(id)};
  spec.service = ServiceId{std::move(service)};
  HttpSpec http;
  http.url = std::move(url);
  spec.probe = http;
  return spec;
}

CheckSpec heartbeat_check(std::string id, std::string service, Duration period, Duration grace) {
  CheckSpec spec;
  spec.id = CheckId{std::move(id)};
  spec.service = ServiceId{std::move(service)};
  spec.probe = HeartbeatSpec{period, grace, ""};
  spec.failure_threshold = 1;
  spec.recovery_threshold = 1;
  return spec;
}

ProbeResult result(Outcome outcome, Timestamp started_at, std::string reason, Duration duration) {
  ProbeResult r;
  r.outcome = outcome;
  r.reason = std::move(reason);
  r.started_at = started_at;
  r.duration = duration;
  r.phases.total = duration;
  return r;
}

Result<std::vector<Envelope>> MemoryEventLog::append(const std::vector<Event>& events,
                                                     Timestamp recorded_at) {
  if (fail_next) {
    fail_next = false;
    return fail(Error::io("disk full (simulated)"));
  }
  std::vector<Envelope> appended;
  for (const Event& event : events) {
    std::string stream = stream_for(event);
    const std::uint64_t version = ++versions_[stream];
    appended.push_back(
        Envelope{log_.size() + 1 + appended.size(), stream, version, recorded_at, event});
  }
  log_.insert(log_.end(), appended.begin(), appended.end());
  return appended;
}

std::vector<std::string> MemoryEventLog::names(std::size_t from) const {
  std::vector<std::string> out;
  for (std::size_t i = from; i < log_.size(); ++i)
    out.emplace_back(name_of(log_[i].event));
  return out;
}

}  // namespace nyxmon::testing
