// What a hostile target can put into the engine: a 900 KB JSON value, a
// header of invalid UTF-8, a redirect to a huge Location. Whatever it writes,
// the result events, the engine's log lines and the notifications carry a
// bounded, valid, one-line excerpt of it.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "domain/model/bounded_text.hpp"
#include "domain/model/utf8_text.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/recorded_events.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RunningEngine;

std::string hostile_check(const std::string& id, const std::string& http) {
  return "      - id: " + id +
         "\n        interval: 200ms\n        timeout: 2s\n        failure_threshold: 1\n"
         "        notify: [hook]\n        http: " +
         http + "\n";
}

bool fits(const std::string& text, std::size_t limit) {
  return text.size() <= limit && valid_utf8(text) == text &&
         text.find_first_of("\r\n") == std::string::npos;
}

TEST(HostileTarget, WhatATargetWritesIsBoundedInEventsLogLinesAndNotifications) {
  testing::TempDir dir;
  HttpTestServer target;
  const std::string huge_value(900 * 1024, 'A');
  target.route("/json", HttpBehaviour::json("{\"state\": \"" + huge_value + "\\nforged\"}"));
  target.route("/header", HttpBehaviour::respond(200, "ok").with_header(
                              "X-State", std::string(4000, '\xff') + "\x01 tail"));
  target.route("/moved",
               HttpBehaviour::redirect(302, "/" + std::string(6000, 'b')).with_header("X", "y"));
  HttpTestServer receiver;
  std::mutex mutex;
  std::vector<std::string> notifications;
  receiver.route_with("/hook", [&](const testing::RecordedHttpRequest& request) {
    std::lock_guard lock(mutex);
    notifications.push_back(request.body);
    return HttpBehaviour::respond(200);
  });
  std::ofstream(dir / "nyxmon.yaml")
      << "engine: { durability: sync }\n"
         "notifiers:\n  - id: hook\n    url: \"" +
             receiver.url("/hook") +
             "\"\n"
             "services:\n  - id: shop\n    checks:\n" +
             hostile_check("json", "{ url: \"" + target.url("/json") +
                                       "\", expect: { json_path: state, json_equals: ok } }") +
             hostile_check("header", "{ url: \"" + target.url("/header") +
                                         "\", expect: { headers: { X-State: ok } } }") +
             hostile_check("moved", "{ url: \"" + target.url("/moved") +
                                        "\", follow_redirects: false, expect: { status: 200, "
                                        "location: /elsewhere } }");

  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  EXPECT_TRUE(testing::eventually([&] { return receiver.request_count("/hook") >= 3; }, 20s));
  const auto output = engine.stop(SIGTERM);
  ASSERT_EQ(output.exit_code, 0) << output.err.substr(0, 2000);

  std::istringstream log(output.err);
  for (std::string line; std::getline(log, line);)
    EXPECT_LT(line.size(), 1024u) << line.substr(0, 200);

  std::set<std::string> failed;
  for (const auto& e : testing::recorded_events(dir / "data")) {
    if (const auto* r = std::get_if<CheckResultRecorded>(&e.event)) {
      EXPECT_TRUE(fits(r->result.reason, kMaxReasonBytes)) << r->result.reason.substr(0, 200);
      if (r->result.outcome == Outcome::kFail) failed.insert(r->check.value);
    }
    if (const auto* n = std::get_if<NotificationRequested>(&e.event)) {
      EXPECT_TRUE(fits(n->reason, kMaxReasonBytes)) << n->reason.substr(0, 200);
    }
    if (const auto* c = std::get_if<CheckStatusChanged>(&e.event)) {
      EXPECT_TRUE(fits(c->reason, kMaxReasonBytes)) << c->reason.substr(0, 200);
      if (c->check.value == "json") {
        EXPECT_NE(c->reason.find("… (+"), std::string::npos) << c->reason;
      }
    }
  }
  EXPECT_EQ(failed, (std::set<std::string>{"header", "json", "moved"}));
  std::lock_guard lock(mutex);
  for (const auto& body : notifications) {
    EXPECT_LT(body.size(), 4096u);
    EXPECT_EQ(valid_utf8(body), body);
  }
}

}  // namespace
}  // namespace nyxmon::tools
