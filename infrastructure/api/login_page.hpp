// login_page.hpp — the form a private status page shows a visitor without a
// session: the API token in a password field, posted (never put in a URL)
// with the CSRF token of the visitor's nyxmon_login cookie.
#pragma once

#include <string>
#include <string_view>

#include "infrastructure/api/page_parts.hpp"

namespace nyxmon::infra::api {

// `problem`: why the last attempt failed (shown above the form); empty:
// none.
std::string login_page(const PageContext& page, std::string_view csrf, std::string_view problem);

}  // namespace nyxmon::infra::api
