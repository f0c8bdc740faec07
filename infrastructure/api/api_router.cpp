#include "infrastructure/api/api_router.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>

#include <chrono>

#include "domain/model/number_text.hpp"
#include "infrastructure/api/api_json.hpp"
#include "infrastructure/api/api_token.hpp"
#include "infrastructure/api/error_status.hpp"
#include "infrastructure/api/json_text.hpp"
#include "infrastructure/api/metrics_text.hpp"
#include "infrastructure/config/ad_hoc_id.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/maintenance_fields.hpp"
#include "infrastructure/config/reconcile.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/runtime/system_clock.hpp"

namespace nyxmon::infra::api {

namespace json = boost::json;
using namespace nyxmon::domain;

namespace {

constexpr std::size_t kMaxEventsPerRequest = 1000;
// The one answer an unauthenticated pinger gets for a token that no active
// heartbeat check has: unknown and paused alike.
constexpr std::string_view kNoSuchPushToken = "no heartbeat check has that token";
constexpr std::chrono::seconds kMaxWait(30);

HttpResponse json_response(const json::value& body, int status = 200) {
  HttpResponse response;
  response.status = status;
  response.body = to_json_text(body);
  return response;
}

HttpResponse text_response(std::string body, std::string content_type, int status = 200) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

// A non-negative integer query parameter: `fallback` when absent, nullopt
// when it is not a number.
std::optional<std::uint64_t> number_parameter(const HttpRequest& request, std::string_view name,
                                              std::uint64_t fallback) {
  const std::string text = query_parameter(request.query, name);
  if (text.empty()) return fallback;
  return domain::parse_number<std::uint64_t>(text);
}

HttpResponse bad_parameter(std::string_view name) {
  return json_error(400,
                    "query parameter '" + std::string(name) + "' must be a non-negative integer");
}

HttpResponse method_not_allowed(std::string_view allowed) {
  HttpResponse response = json_error(405, "method not allowed here; use " + std::string(allowed));
  response.headers.emplace_back("Allow", std::string(allowed));
  return response;
}

// Splits "a/b/c" into its first segment and the rest.
std::pair<std::string_view, std::string_view> first_segment(std::string_view path) {
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return {path, {}};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

json::object events_json(const eventstore::EventStore& store, std::uint64_t after,
                         std::size_t limit, const std::string& stream, std::string& failure) {
  json::array events;
  std::uint64_t last_scanned = after;
  const auto view = store.read_view();
  const auto& codec = eventstore::DomainCodec::instance();
  auto scanned = view.scan(after + 1, limit, [&](const eventstore::RecordView& record) {
    last_scanned = record.sequence;
    if (!stream.empty() && record.stream != stream) return true;
    auto envelope = codec.decode(record);
    if (!envelope) {
      failure = envelope.error().message;
      return false;
    }
    events.push_back(event_json(*envelope));
    return true;
  });
  if (!scanned) failure = scanned.error().message;
  return json::object{
      {"events", std::move(events)}, {"next_after", last_scanned}, {"head", view.head()}};
}

// Waits on the I/O thread, without blocking it, until the log has events
// after `after` or the wait is over; then answers.
struct LongPoll : std::enable_shared_from_this<LongPoll> {
  LongPoll(boost::asio::any_io_executor executor, const eventstore::EventStore& store)
      : timer(std::move(executor)), store(store) {}
  boost::asio::steady_timer timer;
  const eventstore::EventStore& store;
  std::uint64_t after = 0;
  std::size_t limit = 100;
  std::string stream;
  std::chrono::steady_clock::time_point deadline;
  Respond respond;

  void step() {
    if (store.head() > after || std::chrono::steady_clock::now() >= deadline) {
      std::string failure;
      auto body = events_json(store, after, limit, stream, failure);
      respond(failure.empty() ? json_response(body) : json_error(500, failure));
      return;
    }
    timer.expires_after(std::chrono::milliseconds(50));
    timer.async_wait([self = shared_from_this()](boost::system::error_code) { self->step(); });
  }
};

}  // namespace

ApiRouter::ApiRouter(boost::asio::any_io_executor executor, ViewPublisher& views,
                     const eventstore::EventStore& store, SubmitWork submit, ApiSettings settings)
    : executor_(std::move(executor)),
      views_(views),
      store_(store),
      submit_(std::move(submit)),
      settings_(std::move(settings)),
      ping_misses_(std::make_shared<PingMissLimiter>(settings_.ping_misses)),
      page_(std::make_shared<StatusPageRoutes>(settings_.token, settings_.public_reads,
                                               settings_.page, store)) {}

std::optional<HttpResponse> ApiRouter::refuse(const HttpRequest& request, bool write) const {
  if (!write && settings_.public_reads) return std::nullopt;
  const std::string presented = bearer_of(request.authorization);
  if (presented.empty()) {
    HttpResponse response = json_error(
        401, write ? "writes need 'Authorization: Bearer <token>' (the token is in the data "
                     "directory's api-token file, or engine.api_token)"
                   : "reads need 'Authorization: Bearer <token>' unless engine.public_reads is "
                     "true");
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"nyxmon\"");
    return response;
  }
  if (!tokens_equal(presented, settings_.token))
    return json_error(403, "the bearer token is not valid");
  return std::nullopt;
}

void ApiRouter::handle(HttpRequest request, Respond respond) {
  const std::string_view path = request.path;
  if (path.starts_with("/ping/")) return handle_ping(request, path.substr(6), std::move(respond));
  if (path == "/healthz") {
    // For load balancers and supervisors: 503 while the engine cannot record.
    const auto view = views_.current();
    if (!view->engine.store.recording) {
      HttpResponse response = text_response("not recording: " + view->engine.store.problem + "\n",
                                            "text/plain; charset=utf-8");
      response.status = 503;
      return respond(std::move(response));
    }
    return respond(text_response("ok\n", "text/plain; charset=utf-8"));
  }
  // Checked once the caller may read: a stranger learns nothing from it.
  const std::string query_error = query_problem(request.query);
  const auto bad_query = [&] {
    return json_error(400, "the query string is not valid: " + query_error);
  };
  const bool write = request.method != "GET" && request.method != "HEAD";
  if (StatusPageRoutes::serves(path))
    return respond(page_->handle(request, [this] { return views_.current(); }));
  if (path == "/metrics") {
    if (write) return respond(method_not_allowed("GET"));
    if (auto refusal = refuse(request, false)) return respond(std::move(*refusal));
    if (!query_error.empty()) return respond(bad_query());
    return respond(
        text_response(metrics_text(*views_.current()), "text/plain; version=0.0.4; charset=utf-8"));
  }
  if (path.starts_with("/api/v1/")) {
    if (auto refusal = refuse(request, write)) return respond(std::move(*refusal));
    if (!query_error.empty()) return respond(bad_query());
    return handle_api(request, path.substr(8), std::move(respond));
  }
  respond(json_error(404, "nothing at " + request.path + " (the API is under /api/v1/)"));
}

void ApiRouter::handle_api(const HttpRequest& request, std::string_view path, Respond respond) {
  const bool get = request.method == "GET";
  if (path == "status") {
    if (!get) return respond(method_not_allowed("GET"));
    return respond(json_response(status_json(*views_.current())));
  }
  if (path == "services") {
    if (!get) return respond(method_not_allowed("GET"));
    const auto view = views_.current();
    json::array services;
    for (const auto& service : view->services)
      services.push_back(service_json(*view, service));
    return respond(json_response(json::object{{"services", std::move(services)}}));
  }
  if (path.starts_with("services/")) {
    const std::string id(path.substr(9));
    if (request.method != "DELETE") return respond(method_not_allowed("DELETE"));
    return write(runtime::ControlWork{Command(RemoveService{ServiceId{id}})}, std::move(respond));
  }
  if (path == "checks") {
    if (!get) return respond(method_not_allowed("GET"));
    const auto view = views_.current();
    const std::string service = query_parameter(request.query, "service");
    json::array checks;
    for (const auto& check : view->checks) {
      if (service.empty() || check->spec().service.value == service)
        checks.push_back(check_json(*check, false, view->taken_at));
    }
    return respond(json_response(json::object{{"checks", std::move(checks)}}));
  }
  if (path.starts_with("checks/")) return handle_check(request, path.substr(7), std::move(respond));
  if (path == "events") {
    if (!get) return respond(method_not_allowed("GET"));
    return handle_events(request, std::move(respond));
  }
  if (path == "maintenance") return handle_maintenance(request, std::move(respond));
  if (path == "silences") return handle_silences(request, std::move(respond));
  if (path.starts_with("silences/")) {
    if (request.method != "DELETE") return respond(method_not_allowed("DELETE"));
    return write(
        runtime::ControlWork{Command(EndSilence{SilenceId{std::string(path.substr(9))}, "api"})},
        std::move(respond));
  }
  if (path.starts_with("maintenance/")) {
    if (request.method != "DELETE") return respond(method_not_allowed("DELETE"));
    return write(runtime::ControlWork{Command(
                     EndMaintenance{MaintenanceId{std::string(path.substr(12))}, "api"})},
                 std::move(respond));
  }
  if (path == "definitions") {
    if (request.method != "POST") return respond(method_not_allowed("POST"));
    auto config = config::parse_config(request.body, "request body");
    if (!config) return respond(json_error(400, config.error().message));
    const bool prune = query_parameter(request.query, "prune") == "true";
    return write(runtime::ControlWork{runtime::CommandExpander(
                     [config = std::move(*config), prune](const projections::Projections& state) {
                       return prune ? config::reconcile(config, state)
                                    : config::merge(config, state);
                     })},
                 std::move(respond));
  }
  respond(json_error(404, "no such API resource: /api/v1/" + std::string(path)));
}

void ApiRouter::handle_check(const HttpRequest& request, std::string_view rest, Respond respond) {
  const auto [id, action] = first_segment(rest);
  const CheckId check{std::string(id)};
  const auto view = views_.current();
  const CheckView* found = view->find_check(id);
  if (request.method == "POST") {
    if (action == "pause") {
      std::string reason;
      if (!request.body.empty()) {
        boost::system::error_code error;
        const json::value body = json::parse(request.body, error);
        if (error || !body.is_object())
          return respond(
              json_error(400, "the body must be a JSON object such as {\"reason\": \"deploy\"}"));
        if (const auto* text = body.as_object().if_contains("reason"); text && text->is_string())
          reason = std::string(text->as_string());
      }
      return write(runtime::ControlWork{Command(PauseCheck{check, reason})}, std::move(respond));
    }
    if (action == "resume")
      return write(runtime::ControlWork{Command(ResumeCheck{check})}, std::move(respond));
    if (action == "run")
      return write(runtime::ControlWork{Command(RunCheckNow{check})}, std::move(respond));
    if (action == "ack") {
      // The body's fields are the control socket's (comment, sticky,
      // expires, by).
      return write_request(request, json::object{{"command", "ack"}, {"check", check.value}}, true,
                           "{\"comment\": \"on it\", \"sticky\": true, \"expires\": \"2h\"}",
                           std::move(respond));
    }
    return respond(json_error(
        404, "checks/ID/" + std::string(action) + " is not an action (pause, resume, run, ack)"));
  }
  if (request.method == "DELETE" && action.empty())
    return write(runtime::ControlWork{Command(RemoveCheck{check})}, std::move(respond));
  if (request.method == "DELETE" && action == "ack")
    return write(runtime::ControlWork{Command(ClearAcknowledgement{check, "api"})},
                 std::move(respond));
  if (request.method != "GET") return respond(method_not_allowed("GET, POST, DELETE"));
  if (!found) return respond(json_error(404, "no check named '" + std::string(id) + "'"));
  if (action.empty()) return respond(json_response(check_json(*found, true, view->taken_at)));
  if (action == "incidents") {
    json::array incidents;
    for (const auto& incident : found->incidents)
      incidents.push_back(incident_json(incident));
    return respond(json_response(json::object{{"incidents", std::move(incidents)}}));
  }
  if (action == "results") {
    const auto limit = number_parameter(request, "limit", 50);
    if (!limit || *limit == 0 || *limit > kMaxEventsPerRequest)
      return respond(json_error(400, "query parameter 'limit' must be 1 to 1000"));
    // Each run is a CheckScheduled and a CheckResultRecorded, plus the odd
    // status change: three events per result read covers the limit.
    auto records = store_.read_view().read_stream_newest(stream_of(check), *limit * 3);
    if (!records) return respond(json_error(500, records.error().message));
    json::array results;
    const auto& codec = eventstore::DomainCodec::instance();
    for (auto it = records->rbegin(); it != records->rend() && results.size() < *limit; ++it) {
      auto envelope = codec.decode(*it);
      if (!envelope) return respond(json_error(500, envelope.error().message));
      if (const auto* recorded = std::get_if<CheckResultRecorded>(&envelope->event)) {
        auto result = result_json(recorded->run, recorded->result);
        result["sequence"] = envelope->sequence;
        results.push_back(std::move(result));
      }
    }
    return respond(json_response(
        json::object{{"check", found->spec().id.value}, {"results", std::move(results)}}));
  }
  respond(json_error(404, "no such check resource: " + std::string(action)));
}

void ApiRouter::handle_events(const HttpRequest& request, Respond respond) {
  const auto after = number_parameter(request, "after", 0);
  if (!after) return respond(bad_parameter("after"));
  const auto limit = number_parameter(request, "limit", 100);
  if (!limit || *limit == 0 || *limit > kMaxEventsPerRequest)
    return respond(json_error(400, "query parameter 'limit' must be 1 to 1000"));
  const auto wait = number_parameter(request, "wait", 0);
  if (!wait) return respond(bad_parameter("wait"));
  auto poll = std::make_shared<LongPoll>(executor_, store_);
  poll->after = *after;
  poll->limit = *limit;
  poll->stream = query_parameter(request.query, "stream");
  poll->deadline = std::chrono::steady_clock::now() +
                   std::min<std::chrono::seconds>(std::chrono::seconds(*wait), kMaxWait);
  poll->respond = std::move(respond);
  poll->step();
}

void ApiRouter::handle_ping(const HttpRequest& request, std::string_view rest, Respond respond) {
  if (request.method != "GET" && request.method != "POST" && request.method != "HEAD")
    return respond(method_not_allowed("GET, POST"));
  // Everything that can be answered without the token is answered first,
  // so that no answer depends on whether the token exists.
  const auto [token, signal] = first_segment(rest);
  RecordHeartbeat ping{CheckId{}, HeartbeatSignal::kSuccess, std::nullopt,
                       "http " + request.remote};
  if (signal == "start") {
    ping.signal = HeartbeatSignal::kStart;
  } else if (signal == "fail") {
    ping.signal = HeartbeatSignal::kFail;
  } else if (!signal.empty()) {
    const auto code = domain::parse_number<int>(signal);
    if (!code || *code < 0 || *code > 255) {
      return respond(json_error(
          400, "'" + std::string(signal) + "' is not start, fail or an exit code (0-255)"));
    }
    ping.exit_code = *code;
  }

  // A caller with the API token is not guessing: it is never held back and
  // learns why a ping was not taken. Anyone else gets one answer for an
  // unknown token and for a paused check's, so the answer cannot confirm a
  // guess, and an address that keeps missing is held back.
  const std::string presented = bearer_of(request.authorization);
  const bool authenticated =
      !presented.empty() && !settings_.token.empty() && tokens_equal(presented, settings_.token);
  const auto now = std::chrono::steady_clock::now();
  const auto view = views_.current();
  const auto& tokens = view->catalog->heartbeat_tokens;
  const auto it = tokens.find(token);
  const CheckView* check = it == tokens.end() ? nullptr : view->find_check(it->second);
  const bool paused = check && check->state().status == Status::kPaused;
  if (!authenticated) {
    if (const auto wait = ping_misses_->held_back(request.remote, now); wait.count() > 0) {
      // A right token's heartbeat still counts (a job may share its address
      // with whoever is guessing), but the answer is the same as for a
      // wrong one, and given at once.
      if (check && !paused) {
        ping.check = CheckId{it->second};
        submit_(runtime::ControlWork{Command(std::move(ping))}, [](const CommandOutcome&) {});
      }
      const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
      HttpResponse response =
          json_error(429, "too many pings with unknown tokens from this address; try again in " +
                              std::to_string(seconds) + " s");
      response.headers.emplace_back("Retry-After", std::to_string(seconds));
      return respond(std::move(response));
    }
    if (!check || paused) {
      ping_misses_->record_miss(request.remote, now);
      return respond(json_error(404, kNoSuchPushToken));
    }
  } else if (!check) {
    return respond(json_error(404, kNoSuchPushToken));
  } else if (paused) {
    return respond(json_error(
        409, "check '" + it->second + "' is paused; the ping was not recorded (resume it first)"));
  }
  ping.check = CheckId{it->second};
  submit_(runtime::ControlWork{Command(std::move(ping))},
          [respond = std::move(respond), authenticated](const CommandOutcome& outcome) {
            if (!outcome.accepted()) {
              const Error& why = *outcome.rejection;
              const int status = http_status_for(why.code);
              // The check changed since the view was taken (paused,
              // removed): without the API token, alike to an unknown token.
              if (status >= 500 || authenticated) return respond(error_response(why));
              return respond(json_error(404, kNoSuchPushToken));
            }
            respond(text_response("OK\n", "text/plain; charset=utf-8"));
          });
}

void ApiRouter::handle_maintenance(const HttpRequest& request, Respond respond) {
  if (request.method == "GET") {
    const auto view = views_.current();
    json::array windows;
    for (const MaintenanceRecord& window : view->maintenance)
      windows.push_back(maintenance_json(window, view->taken_at));
    return respond(json_response(json::object{{"maintenance", std::move(windows)}}));
  }
  if (request.method != "POST") return respond(method_not_allowed("GET, POST"));
  write_request(request, json::object{{"command", "maintenance_add"}}, false,
                "{\"services\": [\"shop\"], \"duration\": \"2h\", \"comment\": \"upgrade\"}",
                std::move(respond), AdHocId{"m", "window"});
}

void ApiRouter::handle_silences(const HttpRequest& request, Respond respond) {
  if (request.method == "GET") {
    const auto view = views_.current();
    json::array silences;
    for (const SilenceRecord& silence : view->silences)
      silences.push_back(silence_json(silence, view->taken_at));
    return respond(json_response(json::object{{"silences", std::move(silences)}}));
  }
  if (request.method != "POST") return respond(method_not_allowed("GET, POST"));
  write_request(request, json::object{{"command", "silence_add"}}, false,
                "{\"match\": [\"service=shop\"], \"duration\": \"2h\"}", std::move(respond),
                AdHocId{"s", "silence"});
}

void ApiRouter::write_request(const HttpRequest& request, json::object fields, bool body_optional,
                              std::string_view example, Respond respond,
                              std::optional<AdHocId> id) {
  json::object line;
  if (!(body_optional && request.body.empty())) {
    boost::system::error_code error;
    json::value body = json::parse(request.body, error);
    if (error || !body.is_object()) {
      return respond(
          json_error(400, "the body must be a JSON object such as " + std::string(example)));
    }
    line = std::move(body.as_object());
  }
  for (auto& [key, value] : fields)
    line[key] = std::move(value);
  if (!line.contains("by")) line["by"] = "api";
  json::object answer;
  if (id) {
    if (!line.contains("id") || !line["id"].is_string())
      line["id"] = config::ad_hoc_id(id->prefix, runtime::SystemClock().now());
    answer[id->answer] = line["id"];
  }
  auto work = runtime::parse_control_request(json::serialize(line));
  if (!work) return respond(error_response(work.error()));
  write(std::move(*work), std::move(respond), std::move(answer));
}

void ApiRouter::write(runtime::ControlWork work, Respond respond, json::object extra) {
  views_.want_fresh();
  submit_(std::move(work),
          [respond = std::move(respond), extra = std::move(extra)](const CommandOutcome& outcome) {
            if (!outcome.accepted()) return respond(error_response(*outcome.rejection));
            json::object answer{{"ok", true}, {"events", outcome.event_count}};
            for (const auto& [key, value] : extra)
              answer[key] = value;
            respond(json_response(std::move(answer)));
          });
}

}  // namespace nyxmon::infra::api
