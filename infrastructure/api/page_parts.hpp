// page_parts.hpp — what every HTML page of the engine shares: how text is
// escaped, the style sheet (light and dark, following the system), the
// <head>, the header bar with the page's title, description, links to the
// other pages and, for a visitor who logged in, the form that logs out;
// and the time-travel bar: every page takes ?at=<RFC 3339 or -2h> and shows
// the state at that instant, and its links keep the instant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace nyxmon::infra::api {

// Who is looking and what the page says about itself.
struct PageContext {
  std::string title = "nyxmon status";
  std::string description;
  // The services a visitor without a login sees; empty: all.
  std::vector<std::string> services;
  bool signed_in = false;  // a session: the page offers to log out
  // Reading a public page without a login: no targets or commands shown.
  bool limited = false;
  std::string csrf;  // the session's CSRF token, for the logout form
  // The instant the page shows (?at=); nullopt: now.
  std::optional<domain::Timestamp> at;
};

// Whether the visitor may see `service` (page.services empty: all).
bool shows_service(const PageContext& page, std::string_view service);

// <time> of `at`: to the second for people, exact in its datetime.
std::string time_html(domain::Timestamp at);

// `path` with the page's ?at= added, for links that stay in the past.
std::string page_link(const PageContext& page, std::string_view path);

// The bar under the header: a form that takes an instant, and when the page
// shows the past, which instant and a way back to now. `steps_html` adds
// buttons (the check page's walk through status changes).
std::string time_travel_bar(const PageContext& page, std::string_view path,
                            std::string_view steps_html = {});

// & < > " ' as entities.
std::string escape_html(std::string_view text);

// <!doctype html> up to and including <body>, with the style sheet.
// `refresh_seconds` > 0 adds a <noscript> refresh.
std::string page_head(std::string_view title, int refresh_seconds = 0);

// The header bar: title, description, `summary` (HTML) and, when signed
// in, a logout button.
std::string page_header(const PageContext& page, std::string_view summary_html);

}  // namespace nyxmon::infra::api
