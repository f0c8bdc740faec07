// Mail end to end: `nyxmon run` checks a delivery round trip through real
// SMTP and IMAP servers on loopback (send time and delivery delay in the
// API, /metrics and `history`), and an email notifier tells of a problem
// and its recovery in one thread. Passwords come from the environment and
// never reach the store; `nyxmon notify test` prints the SMTP answer.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/servers/mail_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::MailTestOptions;
using testing::MailTestServer;
using testing::RunningEngine;

constexpr const char* kPassword = "s3cret pass";

std::string header(const std::string& message, const std::string& name) {
  const auto at = message.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  const auto start = at + name.size() + 4;
  return message.substr(start, message.find("\r\n", start) - start);
}

// The messages the email notifier sent (not the mail check's own).
std::vector<std::string> notifications(const MailTestServer& server) {
  std::vector<std::string> out;
  for (const auto& mail : server.received())
    if (mail.data.find("\r\nX-Nyxmon-Notification: ") != std::string::npos)
      out.push_back(mail.data);
  return out;
}

boost::json::value check_json(const RunningEngine& engine, const std::string& check) {
  const auto reply =
      testing::http_request("GET", engine.url("/api/v1/checks/" + check), engine.bearer());
  if (reply.status != 200) return nullptr;
  return reply.json();
}

TEST(Mail, ARoundTripCheckAndAnEmailNotifierWorkFromTheConfig) {
  testing::TempDir dir;
  testing::TestCertificateAuthority ca;
  ca.write_certificate(dir / "ca.pem");
  MailTestOptions options;
  options.password = kPassword;
  MailTestServer mail(ca.issue(), options);
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(503, "down"));
  ::setenv("NYXMON_TEST_MAIL_PASSWORD", kPassword, 1);
  const std::string ca_file = (dir / "ca.pem").string();
  const std::string login = "username: " + options.username +
                            ", password: { env: NYXMON_TEST_MAIL_PASSWORD }, ca_file: " + ca_file;
  std::ofstream(dir / "nyxmon.yaml") << "engine: { durability: async }\n"
                                        "notifiers:\n"
                                        "  - id: ops-mail\n"
                                        "    kind: email\n"
                                        "    smtp: { host: 127.0.0.1, port: "
                                     << mail.smtp_port() << ", " << login
                                     << " }\n"
                                        "    from: nyxmon@example.test\n"
                                        "    to: [ops@example.test]\n"
                                        "services:\n"
                                        "  - id: shop\n"
                                        "    checks:\n"
                                        "      - id: mailflow\n"
                                        "        interval: 1s\n"
                                        "        timeout: 5s\n"
                                        "        mail:\n"
                                        "          smtp: { host: 127.0.0.1, port: "
                                     << mail.smtp_port() << ", " << login
                                     << " }\n"
                                        "          imap: { host: 127.0.0.1, port: "
                                     << mail.imap_port() << ", security: tls, " << login
                                     << " }\n"
                                        "          from: probe@example.test\n"
                                        "          to: "
                                     << options.username
                                     << "\n"
                                        "          poll_every: 100ms\n"
                                        "      - id: web\n"
                                        "        interval: 300ms\n"
                                        "        failure_threshold: 1\n"
                                        "        recovery_threshold: 1\n"
                                        "        notify: [ops-mail]\n"
                                        "        http: { url: \""
                                     << web.url("/health") << "\" }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");

  ASSERT_TRUE(testing::eventually(
      [&] {
        const auto check = check_json(engine, "mailflow");
        return check.is_object() && check.at("status").as_string() == "up" &&
               !notifications(mail).empty();
      },
      20s))
      << engine.stderr_so_far();
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  // The recovery is told, and the mail check has run three times.
  ASSERT_TRUE(testing::eventually(
      [&] {
        const auto told = notifications(mail).size();
        return told >= 2 && mail.received().size() >= told + 3;
      },
      20s))
      << engine.stderr_so_far();

  const auto metrics = testing::http_request("GET", engine.url("/metrics"), engine.bearer()).body;
  EXPECT_NE(metrics.find("nyxmon_check_perfdata{check=\"mailflow\",service=\"shop\",kind=\"mail\","
                         "label=\"delivery_delay\",unit=\"s\"} "),
            std::string::npos)
      << metrics;
  engine.stop(SIGTERM);
  // The check's messages were deleted once found (but for one a run still
  // under way at the stop may have sent); the notifications stay.
  EXPECT_LE(mail.mailbox_size(), notifications(mail).size() + 1);

  const auto sent = notifications(mail);
  const std::string thread = header(sent[0], "Message-ID");
  EXPECT_EQ(header(sent[0], "Subject"), "nyxmon: web is down");
  EXPECT_EQ(header(sent[1], "Subject"), "nyxmon: web is up");
  EXPECT_EQ(header(sent[1], "In-Reply-To"), thread);
  EXPECT_EQ(header(sent[0], "To"), "<ops@example.test>");

  const auto data = (dir / "data").string();
  const auto history =
      testing::run_nyxmon({"history", "mailflow", "--json", "--limit", "1", "--data", data});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto run = boost::json::parse(history.out);
  EXPECT_EQ(run.at("outcome").as_string(), "ok") << run;
  EXPECT_EQ(run.at("measurements").at(0).at("label").as_string(), "send_time");
  EXPECT_EQ(run.at("measurements").at(1).at("label").as_string(), "delivery_delay");

  const auto events = testing::run_nyxmon({"events", "--data", data, "--limit", "100000"});
  EXPECT_EQ(events.out.find(kPassword), std::string::npos);
  const auto delivered = testing::run_nyxmon(
      {"events", "--data", data, "--type", "NotificationDelivered", "--limit", "100"});
  EXPECT_GE(std::count(delivered.out.begin(), delivered.out.end(), '\n'), 2) << delivered.out;
}

TEST(Mail, NotifyTestSendsASampleEmailAndPrintsTheServersAnswer) {
  testing::TempDir dir;
  testing::TestCertificateAuthority ca;
  ca.write_certificate(dir / "ca.pem");
  MailTestOptions options;
  MailTestServer mail(ca.issue(), options);
  ::setenv("NYXMON_TEST_MAIL_PASSWORD", options.password.c_str(), 1);
  ::setenv("NYXMON_TEST_WRONG_PASSWORD", "wrong", 1);
  auto notifier = [&](const std::string& id, const std::string& variable) {
    return "  - { id: " + id + ", kind: email, from: nyxmon@example.test, to: ops@example.test, " +
           "smtp: { host: 127.0.0.1, port: " + std::to_string(mail.smtp_port()) +
           ", username: " + options.username + ", password: { env: " + variable +
           " }, ca_file: " + (dir / "ca.pem").string() + " } }\n";
  };
  std::ofstream(dir / "nyxmon.yaml")
      << "notifiers:\n"
      << notifier("good", "NYXMON_TEST_MAIL_PASSWORD")
      << notifier("bad", "NYXMON_TEST_WRONG_PASSWORD") << "services: []\n";
  const auto config = (dir / "nyxmon.yaml").string();
  const auto sent = testing::run_nyxmon({"notify", "test", "good", "--config", config});
  EXPECT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_NE(sent.out.find("good (email): delivered"), std::string::npos) << sent.out;
  EXPECT_NE(sent.out.find("SMTP 250 2.0.0 Ok: queued as"), std::string::npos) << sent.out;
  ASSERT_EQ(mail.received().size(), 1u);
  EXPECT_EQ(header(mail.received()[0].data, "Subject"), "nyxmon: nyxmon-test is down");

  const auto refused = testing::run_nyxmon({"notify", "test", "bad", "--config", config});
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_NE(refused.out.find("refused AUTH PLAIN: '535 5.7.8"), std::string::npos) << refused.out;
  EXPECT_EQ(mail.received().size(), 1u);
}

}  // namespace
}  // namespace nyxmon::tools
