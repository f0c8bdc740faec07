// page_parts.hpp — what every HTML page of the engine shares: how text is
// escaped, the style sheet (light and dark, following the system), the
// <head>, and the header bar with the page's title, description and, for
// a visitor who logged in, the form that logs out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nyxmon::infra::api {

// Who is looking and what the page says about itself.
struct PageContext {
  std::string title = "nyxmon status";
  std::string description;
  // The services a visitor without a login sees; empty: all.
  std::vector<std::string> services;
  bool signed_in = false;  // a session: the page offers to log out
  std::string csrf;        // the session's CSRF token, for the logout form
};

// & < > " ' as entities.
std::string escape_html(std::string_view text);

// <!doctype html> up to and including <body>, with the style sheet.
// `refresh_seconds` > 0 adds a <noscript> refresh.
std::string page_head(std::string_view title, int refresh_seconds = 0);

// The header bar: title, description, `summary` (HTML) and, when signed
// in, a logout button.
std::string page_header(const PageContext& page, std::string_view summary_html);

}  // namespace nyxmon::infra::api
