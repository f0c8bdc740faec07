// domain_builders.hpp — specs, results and events for domain and projection
// tests, with the defaults most tests want, and an in-memory EventLog.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/bus/message_bus.hpp"
#include "domain/events/envelope.hpp"
#include "domain/model/check_spec.hpp"
#include "domain/model/service_spec.hpp"
#include "domain/ports/event_log.hpp"

namespace nyxmon::testing {

using namespace std::chrono_literals;

// 2026-11-24T00:00:00Z plus `offset`: a fixed origin for simulated time.
domain::Timestamp at(domain::Duration offset = {});

domain::ServiceSpec service_spec(std::string id);
domain::CheckSpec http_check(std::string id, std::string service = "web",
                             std::string url = "http://127.0.0.1:8080/health");
domain::CheckSpec heartbeat_check(std::string id, std::string service = "jobs",
                                  domain::Duration period = std::chrono::minutes(5),
                                  domain::Duration grace = std::chrono::minutes(1));
domain::ProbeResult result(domain::Outcome outcome, domain::Timestamp started_at,
                           std::string reason = {}, domain::Duration duration = 20ms);

// Appends in memory, numbering sequences from 1 like the real store.
class MemoryEventLog : public domain::EventLog {
 public:
  domain::Result<std::vector<domain::Envelope>> append(const std::vector<domain::Event>& events,
                                                       domain::Timestamp recorded_at) override;
  const std::vector<domain::Envelope>& envelopes() const { return log_; }
  // The names of the events appended, in order, from `from` on.
  std::vector<std::string> names(std::size_t from = 0) const;
  bool fail_next = false;  // make the next append fail (storage error)

 private:
  std::vector<domain::Envelope> log_;
  std::map<std::string, std::uint64_t> versions_;
};

}  // namespace nyxmon::testing
