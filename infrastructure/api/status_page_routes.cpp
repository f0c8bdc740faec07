#include "infrastructure/api/status_page_routes.hpp"

#include <chrono>

#include "infrastructure/api/api_token.hpp"
#include "infrastructure/api/login_page.hpp"
#include "infrastructure/api/status_page.hpp"

namespace nyxmon::infra::api {

namespace {

constexpr std::string_view kSessionCookie = "nyxmon_session";
constexpr std::string_view kLoginCookie = "nyxmon_login";
constexpr int kLoginFormSeconds = 3600;

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

HttpResponse refused(std::string_view why) {
  return html(page_head("Refused") + "<main><section><p class=\"error\">" + escape_html(why) +
                  "</p><p><a href=\"/login\">Log in</a></p></section></main></body></html>",
              403);
}

}  // namespace

StatusPageRoutes::StatusPageRoutes(std::string token, bool public_reads,
                                   StatusPageSettings settings)
    : token_(std::move(token)),
      public_reads_(public_reads),
      settings_(std::move(settings)),
      sessions_(settings_.session) {}

bool StatusPageRoutes::serves(std::string_view path) {
  return path == "/" || path == "/login" || path == "/logout";
}

PageContext StatusPageRoutes::context() const {
  PageContext page;
  page.title = settings_.title;
  page.description = settings_.description;
  return page;
}

HttpResponse StatusPageRoutes::handle(
    const HttpRequest& request, const std::function<std::shared_ptr<const EngineView>()>& view) {
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (request.path == "/") {
    if (!get) return json_error(405, "method not allowed here; use GET");
    return page(request, view);
  }
  if (request.path == "/login") {
    if (get) return login_form("", 200);
    if (request.method == "POST") return log_in(request);
    return json_error(405, "method not allowed here; use GET or POST");
  }
  if (request.method != "POST") return json_error(405, "method not allowed here; use POST");
  return log_out(request);
}

HttpResponse StatusPageRoutes::page(
    const HttpRequest& request, const std::function<std::shared_ptr<const EngineView>()>& view) {
  if (const std::string problem = query_problem(request.query); !problem.empty())
    return json_error(400, "the query string is not valid: " + problem);
  PageContext page = context();
  const std::string presented = bearer_of(request.authorization);
  if (!presented.empty() && !tokens_equal(presented, token_))
    return json_error(403, "the bearer token is not valid");
  const auto session =
      sessions_.find(cookie_value(request.cookie, kSessionCookie), PageSessions::Clock::now());
  const bool full = public_reads_ || !presented.empty() || session.has_value();
  if (!full && !settings_.is_public) return see_other("/login");
  if (!full) page.services = settings_.services;
  if (session) {
    page.signed_in = true;
    page.csrf = session->csrf;
  }
  const auto current = view();
  if (query_parameter(request.query, "fragment") == "board")
    return html(status_board(*current, page));
  return html(status_page(*current, page));
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
