// status_page_routes.hpp — who may see the status page, and how a visitor
// logs in and out:
//
//   GET  /          the page (?fragment=board: the board only)
//   GET  /login     the login form
//   POST /login     token=…&csrf=… → a session cookie, then 303 to /
//   POST /logout    csrf=… → the session ended, then 303 to /login (or /)
//
// The page is readable with the API token (Authorization: Bearer), with a
// session, when engine.public_reads is true, or when status_page.public is
// (a public page shows only status_page.services to a visitor without a
// login). Anyone else is sent to /login. The token never travels in a URL.
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

#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/http_message.hpp"
#include "infrastructure/api/page_parts.hpp"
#include "infrastructure/api/page_sessions.hpp"
#include "infrastructure/api/page_settings.hpp"

namespace nyxmon::infra::api {

class StatusPageRoutes {
 public:
  StatusPageRoutes(std::string token, bool public_reads, StatusPageSettings settings);

  // Whether `path` is one of these routes.
  static bool serves(std::string_view path);

  // `view` gives the engine's current picture when the page needs one.
  HttpResponse handle(const HttpRequest& request,
                      const std::function<std::shared_ptr<const EngineView>()>& view);

 private:
  HttpResponse page(const HttpRequest& request,
                    const std::function<std::shared_ptr<const EngineView>()>& view);
  HttpResponse login_form(std::string_view problem, int status);
  HttpResponse log_in(const HttpRequest& request);
  HttpResponse log_out(const HttpRequest& request);
  PageContext context() const;

  std::string token_;
  bool public_reads_;
  StatusPageSettings settings_;
  PageSessions sessions_;
};

}  // namespace nyxmon::infra::api
