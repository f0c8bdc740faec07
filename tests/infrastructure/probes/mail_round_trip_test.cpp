// The mail check's round trip against real SMTP and IMAP servers on
// loopback: sent over STARTTLS or TLS with AUTH PLAIN or LOGIN, found by
// polling, deleted with late arrivals of earlier runs; and each way it can
// go wrong said in its reason.
#include "infrastructure/probes/mail_round_trip.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "infrastructure/probes/judges.hpp"
#include "infrastructure/probes/smtp_submission.hpp"
#include "tests/support/run_on_io.hpp"
#include "tests/support/servers/closed_port.hpp"
#include "tests/support/servers/mail_test_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;
using domain::MailSecurity;
using testing::MailTestOptions;
using testing::MailTestServer;
using Security = MailTestOptions::Security;

class MailRoundTripTest : public ::testing::Test {
 protected:
  MailRoundTripTest() { ca_.write_certificate(dir_ / "ca.pem"); }

  // A check of `server` as its options describe it.
  domain::MailSpec spec_for(const MailTestServer& server, const MailTestOptions& options) const {
    const auto security = [](Security s) {
      return s == Security::kTls    ? MailSecurity::kTls
             : s == Security::kNone ? MailSecurity::kNone
                                    : MailSecurity::kStartTls;
    };
    domain::MailSpec spec;
    spec.smtp = {"127.0.0.1",
                 server.smtp_port(),
                 security(options.smtp_security),
                 true,
                 (dir_ / "ca.pem").string(),
                 options.username,
                 domain::SecretSource{domain::SecretSource::From::kEnvironment, "UNUSED"}};
    spec.imap = spec.smtp;
    spec.imap.port = server.imap_port();
    spec.imap.security = security(options.imap_security);
    spec.from = "nyxmon@example.test";
    spec.to = options.username;
    spec.poll_every = 50ms;
    return spec;
  }

  MailRoundTrip run(const domain::MailSpec& spec, std::string smtp_password,
                    std::string imap_password, std::chrono::nanoseconds timeout = 5s) {
    TlsContexts tls;
    MailRoundTripRequest request{spec,
                                 "mail-check",
                                 std::move(smtp_password),
                                 std::move(imap_password),
                                 new_mail_token(),
                                 mail_date(std::chrono::system_clock::now()),
                                 timeout};
    last_token_ = request.token;
    return testing::run_on_io<MailRoundTrip>([&](auto executor, auto done) {
      start_mail_round_trip(executor, tls, request, std::move(done));
    });
  }

  MailRoundTrip run(const MailTestServer& server, const MailTestOptions& options,
                    std::chrono::nanoseconds timeout = 5s) {
    return run(spec_for(server, options), options.password, options.password, timeout);
  }

  testing::TempDir dir_;
  testing::TestCertificateAuthority ca_;
  testing::TestCertificate identity_ = ca_.issue();
  std::string last_token_;
};

TEST_F(MailRoundTripTest, StartTlsAndAuthPlainDeliverAndTheMessageIsDeleted) {
  MailTestOptions options;
  MailTestServer server(identity_, options);
  const auto trip = run(server, options);
  EXPECT_EQ(trip.failure, "");
  EXPECT_TRUE(trip.sent);
  EXPECT_GT(trip.send_time.count(), 0);
  EXPECT_GE(trip.delivery_delay.count(), 0);
  EXPECT_EQ(trip.deleted, 1);
  EXPECT_EQ(server.mailbox_size(), 0u);
  EXPECT_TRUE(trip.accepted.starts_with("250 2.0.0 Ok: queued as")) << trip.accepted;
  EXPECT_GT(trip.timings.tls.count(), 0);

  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].mechanism, "PLAIN");
  EXPECT_TRUE(received[0].encrypted);
  EXPECT_EQ(received[0].from, "nyxmon@example.test");
  EXPECT_EQ(received[0].to, std::vector<std::string>{options.username});
  EXPECT_NE(received[0].data.find("X-Nyxmon-Token: " + last_token_ + "\r\n"), std::string::npos);
  EXPECT_NE(received[0].data.find("Message-ID: <" + last_token_ + "@example.test>\r\n"),
            std::string::npos);
  EXPECT_TRUE(received[0].data.starts_with("Date: ")) << received[0].data;

  const auto result = judge(domain::MailSpec{}, trip);
  EXPECT_EQ(result.outcome, domain::Outcome::kOk) << result.reason;
  ASSERT_EQ(result.measurements.size(), 2u);
  EXPECT_EQ(result.measurements[0].label, "send_time");
  EXPECT_EQ(result.measurements[1].label, "delivery_delay");
  EXPECT_EQ(result.measurements[1].unit, "s");
}

TEST_F(MailRoundTripTest, ImplicitTlsSmtpWithAuthLoginAndStartTlsImapWithoutUidplus) {
  MailTestOptions options;
  options.smtp_security = Security::kTls;
  options.smtp_auth = {"LOGIN"};
  options.imap_security = Security::kStartTls;
  options.uidplus = false;
  MailTestServer server(identity_, options);
  const auto trip = run(server, options);
  EXPECT_EQ(trip.failure, "");
  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_EQ(server.received()[0].mechanism, "LOGIN");
  EXPECT_EQ(server.mailbox_size(), 0u);
  const auto commands = server.imap_commands();
  EXPECT_EQ(commands.front(), "STARTTLS");
  EXPECT_NE(std::ranges::find(commands, "EXPUNGE"), commands.end());
}

TEST_F(MailRoundTripTest, ASlowDeliveryIsFoundByPollingAndWarnsPastWarnAfter) {
  MailTestOptions options;
  options.delivery_delay = 400ms;
  MailTestServer server(identity_, options);
  auto spec = spec_for(server, options);
  spec.warn_after = 100ms;
  const auto trip = run(spec, options.password, options.password);
  EXPECT_EQ(trip.failure, "");
  EXPECT_GE(trip.delivery_delay, 300ms);
  EXPECT_GT(trip.searches, 2);
  const auto result = judge(spec, trip);
  EXPECT_EQ(result.outcome, domain::Outcome::kWarn);
  EXPECT_TRUE(result.reason.starts_with("delivered in ")) << result.reason;
  EXPECT_NE(result.reason.find("over warn_after 100ms"), std::string::npos) << result.reason;
}

TEST_F(MailRoundTripTest, AMessageThatNeverArrivesFailsAtTheTimeoutSayingHowOftenItLooked) {
  MailTestOptions options;
  options.deliver = false;
  MailTestServer server(identity_, options);
  const auto started = std::chrono::steady_clock::now();
  const auto trip = run(server, options, 600ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(trip.sent);
  EXPECT_TRUE(trip.timed_out);
  EXPECT_TRUE(trip.failure.starts_with("sent, but not delivered to INBOX within 600ms ("))
      << trip.failure;
  const auto result = judge(domain::MailSpec{}, trip);
  EXPECT_EQ(result.outcome, domain::Outcome::kFail);
  EXPECT_EQ(result.measurements.size(), 1u);  // the send time; no delivery delay
}

TEST_F(MailRoundTripTest, LateArrivalsOfEarlierRunsAreSweptWithTheMessageFound) {
  MailTestOptions options;
  MailTestServer server(identity_, options);
  server.add_to_mailbox(
      "Subject: late\r\nX-Nyxmon-Check: mail-check\r\nX-Nyxmon-Token: old\r\n\r\n");
  server.add_to_mailbox("Subject: someone else's\r\nX-Nyxmon-Check: other-check\r\n\r\n");
  const auto trip = run(server, options);
  EXPECT_EQ(trip.failure, "");
  EXPECT_EQ(trip.deleted, 2);
  EXPECT_EQ(server.mailbox_size(), 1u);
}

TEST_F(MailRoundTripTest, AWrongSmtpPasswordIsRefusedByTheServerAndNothingIsSent) {
  MailTestOptions options;
  MailTestServer server(identity_, options);
  const auto trip = run(spec_for(server, options), "wrong", options.password);
  EXPECT_FALSE(trip.sent);
  EXPECT_EQ(trip.failure, "sending: SMTP server 127.0.0.1:" + std::to_string(server.smtp_port()) +
                              " refused AUTH PLAIN: '535 5.7.8 Error: authentication failed: "
                              "authentication failure'");
  EXPECT_TRUE(server.received().empty());
}

TEST_F(MailRoundTripTest, AWrongImapPasswordSaysTheMessageWasSentButTheMailboxCouldNotBeRead) {
  MailTestOptions options;
  MailTestServer server(identity_, options);
  const auto trip = run(spec_for(server, options), options.password, "wrong");
  EXPECT_TRUE(trip.sent);
  EXPECT_EQ(trip.failure, "sent, but reading the mailbox: IMAP server 127.0.0.1:" +
                              std::to_string(server.imap_port()) +
                              " refused LOGIN: 'NO [AUTHENTICATIONFAILED] Authentication failed.'");
}

TEST_F(MailRoundTripTest, ARefusedRecipientIsNamedWithTheServersAnswer) {
  MailTestOptions options;
  options.unknown_recipient = options.username;
  MailTestServer server(identity_, options);
  const auto trip = run(server, options);
  EXPECT_NE(trip.failure.find("refused RCPT TO: '550 5.1.1 <monitor@example.test>: Recipient "
                              "address rejected: User unknown'"),
            std::string::npos)
      << trip.failure;
}

TEST_F(MailRoundTripTest, AServerWithoutStartTlsIsNotGivenThePassword) {
  MailTestOptions options;
  options.smtp_security = Security::kNone;
  options.smtp_auth = {};
  MailTestServer server(identity_, options);
  MailTestOptions asked = options;
  asked.smtp_security = Security::kStartTls;
  const auto trip = run(spec_for(server, asked), options.password, options.password);
  EXPECT_NE(trip.failure.find("does not offer STARTTLS"), std::string::npos) << trip.failure;
  for (const auto& command : server.smtp_commands())
    EXPECT_FALSE(command.starts_with("AUTH")) << command;
}

TEST_F(MailRoundTripTest, AnUntrustedCertificateIsRejectedBeforeLoggingIn) {
  MailTestOptions options;
  MailTestServer server(identity_, options);
  auto spec = spec_for(server, options);
  spec.smtp.ca_file.clear();
  const auto trip = run(spec, options.password, options.password);
  EXPECT_NE(trip.failure.find("TLS certificate of 127.0.0.1:"), std::string::npos) << trip.failure;
  EXPECT_TRUE(server.received().empty());
}

TEST_F(MailRoundTripTest, ANoSmtpServerIsAConnectionRefusedAtItsAddress) {
  MailTestOptions options;
  MailTestServer server(identity_, options);
  auto spec = spec_for(server, options);
  spec.smtp.port = testing::closed_port();
  const auto trip = run(spec, options.password, options.password);
  EXPECT_EQ(trip.failure,
            "sending: connection refused by 127.0.0.1:" + std::to_string(spec.smtp.port));
}

TEST(SmtpSubmission, DotStuffingDoublesLeadingDotsAndEndsTheData) {
  EXPECT_EQ(dot_stuffed("a\r\n.b\r\n..\r\n"), "a\r\n..b\r\n...\r\n.\r\n");
  EXPECT_EQ(dot_stuffed(".first\nlone lf"), "..first\r\nlone lf\r\n.\r\n");
}

TEST(SmtpSubmission, MailDateIsRfc5322InUtc) {
  const auto when = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 9h + 33min + 7s;
  EXPECT_EQ(mail_date(when), "Thu, 03 Dec 2026 09:33:07 +0000");
}

}  // namespace
}  // namespace nyxmon::infra::probes
