// api_router.hpp — what each URL of the engine's HTTP server does.
//
//   GET  /                          the status page (?fragment=board: the board only)
//   GET  /checks/ID, /incidents     a check's page, the incidents (all pages take ?at=)
//   GET  /badge/ID/NAME.svg         status, uptime-30d and response-24h badges
//   GET|POST /login, POST /logout   a session for the pages (status_page_routes.hpp)
//   GET  /healthz                   "ok" while the engine runs (always public)
//   GET  /metrics                   Prometheus text format
//   GET  /api/v1/status             services, check counts by status, engine figures
//   GET  /api/v1/services           services with their checks' statuses
//   GET  /api/v1/checks             checks with status and latest result (?service=S)
//   GET  /api/v1/checks/ID          one check, with uptime bars and incidents
//   GET  /api/v1/checks/ID/results  its newest results from the log (?limit=N, ≤ 1000)
//   GET  /api/v1/checks/ID/incidents
//   GET  /api/v1/events             events after a sequence
//   (?after=N&limit=N&stream=S&wait=SECONDS:
//                                   long-poll up to 30 s for the first new one)
//   POST /api/v1/definitions        a configuration document (YAML or JSON): define and
//                                   redefine what it names (?prune=true: remove the rest too)
//   POST /api/v1/checks/ID/pause    {"reason": "..."} optional
//   POST /api/v1/checks/ID/resume, /run
//   POST /api/v1/checks/ID/ack     {"comment", "sticky", "expires", "by"} optional
//   DELETE /api/v1/checks/ID/ack
//   GET  /api/v1/maintenance        the maintenance windows, open or not
//   POST /api/v1/maintenance        a window ({"services": [...], "duration": "2h", ...})
//   DELETE /api/v1/maintenance/ID   end its open occurrence (a one-off made here: remove it)
//   GET  /api/v1/silences           silences active or to come
//   POST /api/v1/silences           {"match": ["service=shop"], "duration": "2h", ...}
//   DELETE /api/v1/silences/ID      end it now
//   DELETE /api/v1/checks/ID, /api/v1/services/ID
//   GET|POST /ping/TOKEN[/start|/fail|/EXIT-CODE]   a heartbeat (the token is the secret)
//
// /ping needs no bearer token. An unknown token and a paused check's get the
// same 404; an address that keeps sending such tokens is held back (429 with
// Retry-After, see ping_miss_limiter.hpp). With the API token, a pinger gets
// the specific answer (404 unknown, 409 paused) and is never held back.
//
// Writes need "Authorization: Bearer <token>"; reads too unless public_reads
// (the status page: see status_page_routes.hpp).
// No token: 401; a wrong one: 403. Errors are JSON: {"error": "..."}.
// Writes become commands on the engine's inbox, like the CLI's, and are
// answered once the core has decided and recorded them.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/http_message.hpp"
#include "infrastructure/api/page_settings.hpp"
#include "infrastructure/api/ping_miss_limiter.hpp"
#include "infrastructure/api/status_page_routes.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/runtime/control_request.hpp"

namespace nyxmon::infra::api {

struct ApiSettings {
  std::string token;
  bool public_reads = false;
  StatusPageSettings page;  // who sees `/`, and how it names itself
  // How fast one address may ping tokens no active heartbeat check has.
  PingMissLimits ping_misses;
};

using runtime::SubmitWork;

class ApiRouter {
 public:
  // `executor` runs the long polls' timers; `views` and `store` must outlive
  // the router.
  ApiRouter(boost::asio::any_io_executor executor, ViewPublisher& views,
            const eventstore::EventStore& store, SubmitWork submit, ApiSettings settings);

  void handle(HttpRequest request, Respond respond);

 private:
  void handle_api(const HttpRequest& request, std::string_view path, Respond respond);
  void handle_check(const HttpRequest& request, std::string_view rest, Respond respond);
  void handle_ping(const HttpRequest& request, std::string_view rest, Respond respond);
  void handle_events(const HttpRequest& request, Respond respond);
  void handle_maintenance(const HttpRequest& request, Respond respond);
  void handle_silences(const HttpRequest& request, Respond respond);
  // What a write that makes something ad hoc answers with: its id, given in
  // the body or made from `prefix` and the time, under `answer`.
  struct AdHocId {
    std::string_view prefix;
    std::string_view answer;
  };
  // A write whose JSON body carries a control-socket request's fields
  // (read by the control socket's own parser): `fields` are set over the
  // body's, `by` defaults to "api"; `example` shows a body in the error.
  void write_request(const HttpRequest& request, boost::json::object fields, bool body_optional,
                     std::string_view example, Respond respond, std::optional<AdHocId> id = {});
  // Hands `work` to the core and answers {"ok": true, "events": N} and the
  // fields of `extra`, or the refusal.
  void write(runtime::ControlWork work, Respond respond, boost::json::object extra = {});
  std::optional<HttpResponse> refuse(const HttpRequest& request, bool write) const;

  boost::asio::any_io_executor executor_;
  ViewPublisher& views_;
  const eventstore::EventStore& store_;
  SubmitWork submit_;
  ApiSettings settings_;
  std::shared_ptr<PingMissLimiter> ping_misses_;
  std::shared_ptr<StatusPageRoutes> page_;
};

}  // namespace nyxmon::infra::api
