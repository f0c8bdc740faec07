#include "infrastructure/api/status_page_routes.hpp"

#include <chrono>

#include "domain/model/instant_text.hpp"
#include "infrastructure/api/api_token.hpp"
#include "infrastructure/api/badges.hpp"
#include "infrastructure/api/check_page.hpp"
#include "infrastructure/api/incidents_page.hpp"
#include "infrastructure/api/login_page.hpp"
#include "infrastructure/api/status_page.hpp"

namespace nyxmon::infra::api {

namespace {

constexpr std::string_view kSessionCookie = "nyxmon_session";
constexpr std::string_view kLoginCookie = "nyxmon_login";
constexpr int kLoginFormSeconds = 3600;
constexpr std::size_t kIncidentsShown = 100;

HttpResponse html(std::string body, int status = 200) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  return response;
}

HttpResponse see_other(std::string location) {
  HttpResponse response = html("<!doctype html><p>See <a href=\"" + escape_html(location) + "\">" +
                                   escape_html(location) + "</a>.</p>",
                               303);
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

std::string cookie(std::string_view name, std::string_view value, std::string_view path,
                   long long max_age) {
  return std::string(name) + "=" + std::string(value) + "; Path=" + std::string(path) +
         "; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict";
}

// A POST from a page of another site: the browser names it in Origin.
bool from_elsewhere(const HttpRequest& request) {
  if (request.origin.empty()) return false;
  return request.origin != "http://" + request.host && request.origin != "https://" + request.host;
}

// A page's answer to a request it cannot serve, readable in a browser.
HttpResponse problem_page(int status, std::string_view title, std::string_view why) {
  return html(page_head(title) + "<main><section><h2>" + escape_html(title) +
                  "</h2><p class=\"error\">" + escape_html(why) +
                  "</p><p><a href=\"/\">Overview</a></p></section></main></body></html>",
              status);
}

HttpResponse refused(std::string_view why) {
  return html(page_head("Refused") + "<main><section><p class=\"error\">" + escape_html(why) +
                  "</p><p><a href=\"/login\">Log in</a></p></section></main></body></html>",
              403);
}

}  // namespace

StatusPageRoutes::StatusPageRoutes(std::string token, bool public_reads,
                                   StatusPageSettings settings, const eventstore::EventStore& store)
    : token_(std::move(token)),
      public_reads_(public_reads),
      settings_(std::move(settings)),
      sessions_(settings_.session),
      store_(store),
      past_(store) {}

bool StatusPageRoutes::serves(std::string_view path) {
  return path == "/" || path == "/login" || path == "/logout" || path == "/incidents" ||
         path.starts_with("/checks/") || path.starts_with("/badge/");
}

PageContext StatusPageRoutes::context() const {
  PageContext page;
  page.title = settings_.title;
  page.description = settings_.description;
  return page;
}

HttpResponse StatusPageRoutes::handle(const HttpRequest& request, const ViewSource& view) {
  const bool get = request.method == "GET" || request.method == "HEAD";
  const std::string_view path = request.path;
  if (path == "/login") {
    if (get) return login_form("", 200);
    if (request.method == "POST") return log_in(request);
    return json_error(405, "method not allowed here; use GET or POST");
  }
  if (path == "/logout") {
    if (request.method != "POST") return json_error(405, "method not allowed here; use POST");
    return log_out(request);
  }
  if (!get) return json_error(405, "method not allowed here; use GET");
  if (const std::string problem = query_problem(request.query); !problem.empty())
    return json_error(400, "the query string is not valid: " + problem);
  if (path == "/") return overview(request, view);
  if (path == "/incidents") return incidents(request, view);
  if (path.starts_with("/checks/")) return check(request, path.substr(8), view);
  return badge(request, path.substr(7), view);
}

StatusPageRoutes::Visitor StatusPageRoutes::visitor(const HttpRequest& request) {
  Visitor who;
  who.page = context();
  const std::string presented = bearer_of(request.authorization);
  if (!presented.empty() && !tokens_equal(presented, token_)) {
    who.refusal = json_error(403, "the bearer token is not valid");
    return who;
  }
  const auto session =
      sessions_.find(cookie_value(request.cookie, kSessionCookie), PageSessions::Clock::now());
  const bool full = public_reads_ || !presented.empty() || session.has_value();
  who.allowed = full || settings_.is_public;
  if (!full) {
    who.page.services = settings_.services;
    who.page.limited = true;
  }
  if (session) {
    who.page.signed_in = true;
    who.page.csrf = session->csrf;
  }
  return who;
}

std::variant<std::shared_ptr<const EngineView>, HttpResponse> StatusPageRoutes::view_for(
    const HttpRequest& request, PageContext& page, const ViewSource& view) {
  auto current = view();
  const std::string at_text = query_parameter(request.query, "at");
  if (at_text.empty()) return current;
  const auto now =
      std::chrono::time_point_cast<domain::Timestamp::duration>(std::chrono::system_clock::now());
  const auto instant = domain::parse_instant(at_text, now);
  if (!instant) {
    return problem_page(400, "Not a time",
                        "at='" + at_text +
                            "' is not a time: use RFC 3339 (2026-12-01T09:30:00Z) or a time "
                            "before now (-2h, -30m).");
  }
  if (*instant >= now) return current;  // the future is not recorded yet
  auto past = past_.at(*instant, current->engine.version);
  if (!past) return problem_page(500, "The log could not be read", past.error().message);
  page.at = *instant;
  return std::move(*past);
}

std::variant<StatusPageRoutes::Shown, HttpResponse> StatusPageRoutes::shown(
    const HttpRequest& request, const ViewSource& view) {
  Shown out{visitor(request), nullptr};
  if (out.who.refusal) return std::move(*out.who.refusal);
  if (!out.who.allowed) return see_other("/login");
  auto current = view_for(request, out.who.page, view);
  if (auto* answer = std::get_if<HttpResponse>(&current)) return std::move(*answer);
  out.view = std::move(std::get<std::shared_ptr<const EngineView>>(current));
  return out;
}

HttpResponse StatusPageRoutes::overview(const HttpRequest& request, const ViewSource& view) {
  auto shown_now = shown(request, view);
  if (auto* answer = std::get_if<HttpResponse>(&shown_now)) return std::move(*answer);
  const auto& [who, current] = std::get<Shown>(shown_now);
  if (query_parameter(request.query, "fragment") == "board")
    return html(status_board(*current, who.page));
  return html(status_page(*current, who.page));
}

HttpResponse StatusPageRoutes::check(const HttpRequest& request, std::string_view id,
                                     const ViewSource& view) {
  auto shown_now = shown(request, view);
  if (auto* answer = std::get_if<HttpResponse>(&shown_now)) return std::move(*answer);
  const auto& [who, current] = std::get<Shown>(shown_now);
  const auto range = chart_range(query_parameter(request.query, "range"));
  if (!range) return problem_page(400, "Not a range", "range must be 1h, 24h or 7d.");
  const CheckView* found = current->find_check(id);
  if (!found || !shows_service(who.page, found->spec().service.value)) {
    return problem_page(
        404, "No such check",
        "There is no check '" + std::string(id) + "'" + (who.page.at ? " at that instant." : "."));
  }
  const auto log = store_.read_view();
  const std::uint64_t until = who.page.at ? current->engine.sequence : log.head();
  auto history = read_check_history(log, *found->record, current->taken_at - range->length, until);
  if (!history) return problem_page(500, "The log could not be read", history.error().message);
  return html(
      check_page(CheckPageParts{*current, *found, *history, *range, !who.page.limited}, who.page));
}

HttpResponse StatusPageRoutes::incidents(const HttpRequest& request, const ViewSource& view) {
  auto shown_now = shown(request, view);
  if (auto* answer = std::get_if<HttpResponse>(&shown_now)) return std::move(*answer);
  const auto& [who, current] = std::get<Shown>(shown_now);
  const std::string service = query_parameter(request.query, "service");
  auto listed = incidents_to_show(*current, who.page, service, kIncidentsShown);
  const auto log = store_.read_view();
  for (ShownIncident& item : listed) {
    auto notices = read_incident_notices(log, item.incident, item.check->spec().notifiers);
    if (!notices) return problem_page(500, "The log could not be read", notices.error().message);
    item.notices = std::move(*notices);
    // Looking at the past: what was asked for after that instant had not been.
    if (who.page.at)
      std::erase_if(item.notices,
                    [&](const IncidentNotice& notice) { return notice.at > *who.page.at; });
  }
  return html(incidents_page(*current, listed, service, who.page));
}

HttpResponse StatusPageRoutes::badge(const HttpRequest& request, std::string_view rest,
                                     const ViewSource& view) {
  Visitor who = visitor(request);
  if (who.refusal) return std::move(*who.refusal);
  const auto slash = rest.find('/');
  const std::string_view id = rest.substr(0, slash);
  const std::string_view name = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  const auto current = view();
  const CheckView* found = current->find_check(id);
  // Unknown, and not for this visitor's eyes, answer alike.
  if (!who.allowed || !found || !shows_service(who.page, found->spec().service.value))
    return json_error(404, "no badge for a check named '" + std::string(id) + "'");
  auto svg = check_badge(*found, name, current->taken_at);
  if (!svg) {
    return json_error(
        404, "no badge '" + std::string(name) + "' (status.svg, uptime-30d.svg, response-24h.svg)");
  }
  HttpResponse response;
  response.content_type = "image/svg+xml; charset=utf-8";
  response.body = std::move(*svg);
  response.headers.emplace_back("Cache-Control", "max-age=30");
  return response;
}

HttpResponse StatusPageRoutes::login_form(std::string_view problem, int status) {
  const auto csrf = random_hex(16);
  if (!csrf) return json_error(500, "no randomness for a login form");
  HttpResponse response = html(login_page(context(), *csrf, problem), status);
  response.headers.emplace_back("Set-Cookie",
                                cookie(kLoginCookie, *csrf, "/login", kLoginFormSeconds));
  return response;
}

HttpResponse StatusPageRoutes::log_in(const HttpRequest& request) {
  if (from_elsewhere(request)) return refused("A login from another site's page is refused.");
  const std::string expected = cookie_value(request.cookie, kLoginCookie);
  const std::string csrf = query_parameter(request.body, "csrf");
  if (expected.empty() || !tokens_equal(csrf, expected))
    return login_form("The form had expired; log in again.", 403);
  if (!tokens_equal(query_parameter(request.body, "token"), token_))
    return login_form("That is not the API token.", 401);
  const auto session = sessions_.open(PageSessions::Clock::now());
  if (!session) return json_error(500, "no randomness for a session");
  HttpResponse response = see_other("/");
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(sessions_.lifetime());
  response.headers.emplace_back("Set-Cookie",
                                cookie(kSessionCookie, session->id, "/", seconds.count()));
  response.headers.emplace_back("Set-Cookie", cookie(kLoginCookie, "", "/login", 0));
  return response;
}

HttpResponse StatusPageRoutes::log_out(const HttpRequest& request) {
  if (from_elsewhere(request)) return refused("A logout from another site's page is refused.");
  const std::string id = cookie_value(request.cookie, kSessionCookie);
  const auto session = sessions_.find(id, PageSessions::Clock::now());
  if (session && !tokens_equal(query_parameter(request.body, "csrf"), session->csrf))
    return refused("The logout form did not come from this page.");
  sessions_.close(id);
  HttpResponse response = see_other(settings_.is_public ? "/" : "/login");
  response.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", "/", 0));
  return response;
}

}  // namespace nyxmon::infra::api
