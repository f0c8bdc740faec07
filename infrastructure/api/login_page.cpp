#include "infrastructure/api/login_page.hpp"

namespace nyxmon::infra::api {

std::string login_page(const PageContext& page, std::string_view csrf, std::string_view problem) {
  std::string out = page_head("Log in · " + page.title) + page_header(page, "") +
                    "<main><section class=\"login\"><h2>Log in</h2>";
  if (!problem.empty())
    out +=
        "<p class=\"error\" role=\"alert\" id=\"login-problem\">" + escape_html(problem) + "</p>";
  out +=
      "<form method=\"post\" action=\"/login\"><label for=\"token\">API token</label>"
      "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" "
      "required autofocus><input type=\"hidden\" name=\"csrf\" value=\"" +
      escape_html(csrf) +
      "\"><button type=\"submit\">Log in</button></form>"
      "<p><small>The token is in the data directory's <code>api-token</code> file (or "
      "<code>engine.api_token</code>).</small></p></section></main></body></html>";
  return out;
}

}  // namespace nyxmon::infra::api
