// Who sees the status page, against `nyxmon run`: a private page sends a
// browser to a login form that trades the API token (posted, never in a
// URL) for an HttpOnly, SameSite=Strict session cookie, refuses forms
// without their CSRF token or from another site, and forgets the session
// at logout; a public page shows the services it lists, problems first.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::http_request;
using testing::HttpBehaviour;
using testing::HttpReply;
using testing::HttpTestServer;
using testing::RunningEngine;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kForm = "application/x-www-form-urlencoded";

std::vector<std::string> set_cookies(const HttpReply& reply) {
  std::vector<std::string> out;
  for (const auto& [name, value] : reply.headers)
    if (name == "Set-Cookie" || name == "set-cookie") out.push_back(value);
  return out;
}

// "name=value" of the Set-Cookie that sets `name`, or empty.
std::string cookie_pair(const HttpReply& reply, const std::string& name) {
  for (const auto& cookie : set_cookies(reply))
    if (cookie.starts_with(name + "=")) return cookie.substr(0, cookie.find(';'));
  return {};
}

std::string form_csrf(const std::string& html) {
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return {};
  const auto start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

std::string config(const HttpTestServer& web, const std::string& status_page) {
  return "engine: { durability: async }\n" + status_page +
         "services:\n"
         "  - id: storefront\n"
         "    name: Storefront\n"
         "    checks:\n"
         "      - id: home\n"
         "        interval: 300ms\n"
         "        recovery_threshold: 1\n"
         "        http: { url: \"" +
         web.url("/health") +
         "\" }\n"
         "  - id: backend\n"
         "    name: Back end\n"
         "    checks:\n"
         "      - id: closed-port\n"
         "        interval: 300ms\n"
         "        failure_threshold: 1\n"
         "        tcp: { host: 127.0.0.1, port: 1 }\n";
}

class StatusPageAccess : public ::testing::Test {
 protected:
  void start(const std::string& status_page) {
    web_.route("/health", HttpBehaviour::respond(200, "ok"));
    std::ofstream(dir_ / "nyxmon.yaml") << config(web_, status_page);
    engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
    ASSERT_TRUE(testing::eventually(
        [&] {
          const auto page = http_request("GET", engine_->url("/"), engine_->bearer()).body;
          return page.find("data-status=\"down\"") != std::string::npos &&
                 page.find("data-status=\"up\"") != std::string::npos;
        },
        15s));
  }
  void TearDown() override {
    if (engine_) {
      EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
    }
  }

  testing::TempDir dir_;
  HttpTestServer web_;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(StatusPageAccess, APrivatePageTradesTheTokenForASessionCookieAndForgetsItAtLogout) {
  start("");
  const auto anonymous = http_request("GET", engine_->url("/"));
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.header("Location"), "/login");

  const auto form = http_request("GET", engine_->url("/login"));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<form method=\"post\" action=\"/login\">"), std::string::npos);
  EXPECT_NE(form.body.find("type=\"password\""), std::string::npos);
  const std::string login_cookie = cookie_pair(form, "nyxmon_login");
  const std::string csrf = form_csrf(form.body);
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(login_cookie, "nyxmon_login=" + csrf);
  for (const auto& cookie : set_cookies(form)) {
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  }

  const Headers posted = {{"Content-Type", kForm}, {"Cookie", login_cookie}};
  const auto wrong =
      http_request("POST", engine_->url("/login"), posted, "token=not-the-token&csrf=" + csrf);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("That is not the API token."), std::string::npos);
  EXPECT_TRUE(cookie_pair(wrong, "nyxmon_session").empty());

  const auto forged = http_request("POST", engine_->url("/login"), {{"Content-Type", kForm}},
                                   "token=" + engine_->token() + "&csrf=" + csrf);
  EXPECT_EQ(forged.status, 403) << "no login cookie: the form was not this page's";
  Headers elsewhere = posted;
  elsewhere.emplace_back("Origin", "http://evil.example");
  EXPECT_EQ(http_request("POST", engine_->url("/login"), elsewhere,
                         "token=" + engine_->token() + "&csrf=" + csrf)
                .status,
            403);

  const auto logged_in = http_request("POST", engine_->url("/login"), posted,
                                      "token=" + engine_->token() + "&csrf=" + csrf);
  ASSERT_EQ(logged_in.status, 303) << logged_in.body;
  EXPECT_EQ(logged_in.header("Location"), "/");
  const std::string session = cookie_pair(logged_in, "nyxmon_session");
  ASSERT_FALSE(session.empty());
  for (const auto& cookie : set_cookies(logged_in)) {
    if (!cookie.starts_with("nyxmon_session=")) continue;
    EXPECT_NE(cookie.find("; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict"), std::string::npos)
        << cookie;
  }

  const auto page = http_request("GET", engine_->url("/"), {{"Cookie", session}});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Log out"), std::string::npos);
  EXPECT_EQ(page.body.find(engine_->token()), std::string::npos);
  EXPECT_EQ(http_request("GET", engine_->url("/?fragment=board"), {{"Cookie", session}}).status,
            200);

  const std::string logout_csrf = form_csrf(page.body);
  ASSERT_FALSE(logout_csrf.empty());
  const Headers with_session = {{"Content-Type", kForm}, {"Cookie", session}};
  EXPECT_EQ(http_request("POST", engine_->url("/logout"), with_session, "csrf=wrong").status, 403);
  const auto logged_out =
      http_request("POST", engine_->url("/logout"), with_session, "csrf=" + logout_csrf);
  EXPECT_EQ(logged_out.status, 303);
  EXPECT_EQ(cookie_pair(logged_out, "nyxmon_session"), "nyxmon_session=");
  EXPECT_EQ(http_request("GET", engine_->url("/"), {{"Cookie", session}}).status, 303)
      << "the session ended on the server, not only in the browser";
  // The API itself still wants the bearer token.
  EXPECT_EQ(http_request("GET", engine_->url("/api/v1/status"), {{"Cookie", session}}).status, 401);
}

TEST_F(StatusPageAccess, APublicPageShowsTheServicesItListsAndTheTokenShowsAllProblemsFirst) {
  start(
      "status_page:\n"
      "  public: true\n"
      "  services: [storefront]\n"
      "  title: Example status\n"
      "  description: What our customers use\n");
  const auto anonymous = http_request("GET", engine_->url("/"));
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_NE(anonymous.body.find("<title>Example status</title>"), std::string::npos);
  EXPECT_NE(anonymous.body.find("What our customers use"), std::string::npos);
  EXPECT_NE(anonymous.body.find("id=\"service-storefront\""), std::string::npos);
  EXPECT_EQ(anonymous.body.find("id=\"service-backend\""), std::string::npos);
  EXPECT_EQ(anonymous.body.find("Log out"), std::string::npos);
  EXPECT_EQ(http_request("GET", engine_->url("/metrics")).status, 401)
      << "a public page makes only the page public";

  const auto full = http_request("GET", engine_->url("/"), engine_->bearer());
  ASSERT_EQ(full.status, 200);
  const auto backend = full.body.find("id=\"service-backend\"");
  const auto storefront = full.body.find("id=\"service-storefront\"");
  ASSERT_NE(backend, std::string::npos);
  EXPECT_LT(backend, storefront) << "the service that is down comes first";
  EXPECT_NE(full.body.find("<li id=\"count-down\"><span class=\"pill down\">1 down</span></li>"),
            std::string::npos);
  EXPECT_NE(full.body.find("<li id=\"count-up\"><span class=\"pill up\">1 up</span></li>"),
            std::string::npos);
  EXPECT_LT(full.body.find("id=\"count-down\""), full.body.find("id=\"count-up\""));
  // One bar per run, its time, latency, outcome and reason in its title.
  EXPECT_NE(full.body.find("<div class=\"bars runs\" role=\"img\" aria-label=\"last "),
            std::string::npos);
  EXPECT_NE(full.body.find(" · fail: connection refused by 127.0.0.1:1\"></i>"), std::string::npos);
  // A fresh engine draws only the hours it has watched.
  EXPECT_NE(full.body.find("not watched yet"), std::string::npos);

  EXPECT_EQ(
      http_request("GET", engine_->url("/"), {{"Authorization", "Bearer wrong-token-123"}}).status,
      403);
}

}  // namespace
}  // namespace nyxmon::tools
