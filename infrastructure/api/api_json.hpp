// api_json.hpp — the JSON shapes of the HTTP API (docs/api.md lists them):
// times are RFC 3339 UTC strings, durations milliseconds as numbers,
// statuses and outcomes lower-case words.
#pragma once

#include <boost/json/object.hpp>

#include "domain/events/envelope.hpp"
#include "infrastructure/api/engine_view.hpp"

namespace nyxmon::infra::api {

// A check: id, name, service, kind, status, since, attempts, last result;
// `detailed` adds uptime bars, windows, incidents and counters.
// Windows and bars end at `now` (the view's taken_at).
boost::json::object check_json(const CheckView& check, bool detailed, domain::Timestamp now);
// Who took a check's problem on: status, by, comment, sticky, at, expires_at.
boost::json::object acknowledgement_json(const domain::Acknowledgement& acknowledgement);
// A maintenance window: id, covers {all, checks, services}, when (start and
// end, or every/at/time_zone), duration_ms, comment, defined_by,
// from_configuration, open, ends_at (of the open occurrence), next_start
// (of the next one, as of `now`).
boost::json::object maintenance_json(const domain::MaintenanceRecord& window,
                                     domain::Timestamp now);
// A silence: id, match (KEY=VALUE), starts_at, ends_at, comment,
// defined_by, active (at `now`), ended_at and ended_by (ended early).
boost::json::object silence_json(const domain::SilenceRecord& silence, domain::Timestamp now);
boost::json::object service_json(const EngineView& view, const ServiceView& service);
// Every service with its checks' statuses, the engine's figures, and
// counts of checks by status.
boost::json::object status_json(const EngineView& view);
boost::json::object result_json(domain::RunId run, const domain::ProbeResult& result);
// [{"label": "time", "value": 0.0012, "unit": "s"}, {"label": "state", "text": "ok"}]
boost::json::array measurements_json(const std::vector<domain::Measurement>& measurements);
boost::json::object incident_json(const projections::Incident& incident);
boost::json::object event_json(const domain::Envelope& envelope);

}  // namespace nyxmon::infra::api
