// status_page_routes.hpp — the HTML pages and badges, who may see them, and
// how a visitor logs in and out:
//
//   GET  /                   the overview (?fragment=board: the board only)
//   GET  /checks/ID          one check (?range=1h|24h|7d for its chart)
//   GET  /incidents          open and recent incidents (?service=ID)
//   GET  /badge/ID/status.svg, uptime-30d.svg, response-24h.svg
//   GET  /login              the login form
//   POST /login              token=…&csrf=… → a session cookie, then 303 to /
//   POST /logout             csrf=… → the session ended, then 303 to /login (or /)
//
// Every page takes ?at=<RFC 3339, or -2h> and shows the state at that
// instant, folded from the log (past_view.hpp).
//
// The pages are readable with the API token (Authorization: Bearer), with a
// session, when engine.public_reads is true, or when status_page.public is
// (a public page shows only status_page.services to a visitor without a
// login, and not what the checks probe). Anyone else is sent to /login;
// a badge, to a 404 alike to an unknown check's. The token never travels
// in a URL.
//
// Cookies: nyxmon_session (the session id; HttpOnly, SameSite=Strict,
// Path=/, Max-Age the session's lifetime) and nyxmon_login (the login
// form's CSRF token; HttpOnly, SameSite=Strict, Path=/login). Every POST
// must carry the CSRF token its form was given, and an Origin header, when
// the browser sends one, must name this host.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/http_message.hpp"
#include "infrastructure/api/page_parts.hpp"
#include "infrastructure/api/page_sessions.hpp"
#include "infrastructure/api/page_settings.hpp"
#include "infrastructure/api/past_view.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::api {

class StatusPageRoutes {
 public:
  // `store` must outlive this: pages of the past and of one check read it.
  StatusPageRoutes(std::string token, bool public_reads, StatusPageSettings settings,
                   const eventstore::EventStore& store);

  // Whether `path` is one of these routes.
  static bool serves(std::string_view path);

  // `view` gives the engine's current picture when the page needs one.
  HttpResponse handle(const HttpRequest& request,
                      const std::function<std::shared_ptr<const EngineView>()>& view);

 private:
  using ViewSource = std::function<std::shared_ptr<const EngineView>()>;
  // Who is looking: whether they may see the pages, and what of them.
  struct Visitor {
    bool allowed = false;
    PageContext page;
    std::optional<HttpResponse> refusal;  // a wrong bearer token
  };
  Visitor visitor(const HttpRequest& request);
  // The view the request asks for: now, or ?at=; sets page.at. An error
  // answer when ?at= is not a time or the log cannot be read.
  std::variant<std::shared_ptr<const EngineView>, HttpResponse> view_for(const HttpRequest& request,
                                                                         PageContext& page,
                                                                         const ViewSource& view);
  // A visitor who may see the pages, and the view the request asks for;
  // else the answer (to /login, a refusal, a bad ?at=).
  struct Shown {
    Visitor who;
    std::shared_ptr<const EngineView> view;
  };
  std::variant<Shown, HttpResponse> shown(const HttpRequest& request, const ViewSource& view);
  HttpResponse overview(const HttpRequest& request, const ViewSource& view);
  HttpResponse check(const HttpRequest& request, std::string_view id, const ViewSource& view);
  HttpResponse incidents(const HttpRequest& request, const ViewSource& view);
  HttpResponse badge(const HttpRequest& request, std::string_view rest, const ViewSource& view);
  HttpResponse login_form(std::string_view problem, int status);
  HttpResponse log_in(const HttpRequest& request);
  HttpResponse log_out(const HttpRequest& request);
  PageContext context() const;

  std::string token_;
  bool public_reads_;
  StatusPageSettings settings_;
  PageSessions sessions_;
  const eventstore::EventStore& store_;
  PastViews past_;
};

}  // namespace nyxmon::infra::api
