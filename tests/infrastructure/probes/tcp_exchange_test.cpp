#include "infrastructure/probes/tcp_exchange.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "tests/support/run_on_io.hpp"
#include "tests/support/servers/closed_port.hpp"
#include "tests/support/servers/tcp_script_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;
using testing::TcpScript;
using testing::TcpScriptServer;

TcpExchange converse(TcpExchangeRequest request) {
  TlsContexts tls;
  return testing::run_on_io<TcpExchange>([&](auto executor, auto done) {
    start_tcp_exchange(executor, tls, request, std::move(done));
  });
}

TEST(TcpExchange, ConnectsAndReadsTheExpectedBanner) {
  TcpScriptServer server(TcpScript::banner("SSH-2.0-OpenSSH_9.2\r\n"));
  const auto result = converse({.host = "127.0.0.1", .port = server.port(), .expect = "SSH-2.0"});
  EXPECT_EQ(result.failure, "");
  EXPECT_NE(result.received.find("OpenSSH"), std::string::npos);
  EXPECT_GT(result.timings.connect.count(), 0);
}

TEST(TcpExchange, SendsAndExpectsBytes) {
  TcpScriptServer server(TcpScript::echo_server());
  const auto result = converse(
      {.host = "127.0.0.1", .port = server.port(), .send = "PING 42\r\n", .expect = "PING 42"});
  EXPECT_EQ(result.failure, "");
}

TEST(TcpExchange, AWrongBannerIsAFailureThatSaysWhatWasExpected) {
  TcpScriptServer server(TcpScript::banner("220 hello\r\n").close());
  const auto result = converse({.host = "127.0.0.1", .port = server.port(), .expect = "SSH-2.0"});
  EXPECT_NE(result.failure.find("before 'SSH-2.0' arrived"), std::string::npos) << result.failure;
}

TEST(TcpExchange, RefusedConnectionNamesTheAddress) {
  const auto port = testing::closed_port();
  const auto result = converse({.host = "127.0.0.1", .port = port});
  EXPECT_EQ(result.failure, "connection refused by 127.0.0.1:" + std::to_string(port));
}

TEST(TcpExchange, SilenceTimesOutWithinTheTimeout) {
  TcpScriptServer server(TcpScript().pause(5s));
  const auto started = std::chrono::steady_clock::now();
  const auto result = converse(
      {.host = "127.0.0.1", .port = server.port(), .expect = "anything", .timeout = 300ms});
  EXPECT_TRUE(result.timed_out) << result.failure;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
}

// A reply and the deadline that land in the same turn of the event loop: the
// probe finishes on the reply and frees its socket while the deadline's
// handler is already queued. That handler must not touch the freed socket
// (ASan: heap-use-after-free in basic_socket::close; in a plain build an
// abort on "close: Bad file descriptor" or a closed stranger's descriptor).
// Hundreds of probes against replies spread around the deadline hit the
// race every round. A slow machine (sanitizers, load) delays the server's
// replies, so rounds go on, up to a limit, until both outcomes were seen.
TEST(TcpExchange, AReplyAtTheDeadlineNeverReachesAFinishedProbe) {
  TcpScriptServer server(TcpScript().expect("ping", "").pause_between(100ms, 300ms).send("!"));
  TlsContexts tls;
  std::size_t answered = 0, timed_out = 0;
  int rounds = 0;
  for (; rounds < 6 || ((answered == 0 || timed_out == 0) && rounds < 30); ++rounds) {
    boost::asio::io_context io;
    for (int probe = 0; probe < 300; ++probe) {
      start_tcp_exchange(io.get_executor(), tls,
                         {.host = "127.0.0.1",
                          .port = server.port(),
                          .send = "ping\n",
                          .expect = "!",
                          .timeout = 200ms},
                         [&](TcpExchange result) {
                           if (result.failure.empty()) ++answered;
                           if (result.timed_out) ++timed_out;
                         });
    }
    io.run();
  }
  EXPECT_EQ(answered + timed_out, static_cast<std::size_t>(rounds) * 300u);
  EXPECT_GT(answered, 0u);
  EXPECT_GT(timed_out, 0u);
}

class TcpTlsExchange : public ::testing::Test {
 protected:
  testing::TempDir dir;
  testing::TestCertificateAuthority ca;
  std::string ca_file = (dir.path() / "ca.pem").string();
  void SetUp() override { ca.write_certificate(ca_file); }

  TcpExchange tls_converse(const TcpScriptServer& server, TlsMode mode) {
    return converse({.host = "127.0.0.1", .port = server.port(), .tls = mode, .ca_file = ca_file});
  }
};

TEST_F(TcpTlsExchange, ImplicitTlsReportsCertificateExpiry) {
  TcpScriptServer server(TcpScript::implicit_tls(), ca.issue({.not_after = std::chrono::days(3)}));
  const auto result = tls_converse(server, TlsMode::kImplicit);
  EXPECT_EQ(result.failure, "");
  ASSERT_TRUE(result.certificate_days_left);
  EXPECT_GE(*result.certificate_days_left, 2);
  EXPECT_LE(*result.certificate_days_left, 3);
}

TEST_F(TcpTlsExchange, SmtpStartTls) {
  TcpScriptServer server(TcpScript::smtp_starttls(), ca.issue());
  const auto result = tls_converse(server, TlsMode::kStartTlsSmtp);
  EXPECT_EQ(result.failure, "");
  EXPECT_TRUE(result.certificate_days_left.has_value());
  EXPECT_TRUE(server.wait_for_tls_handshakes(1, 2s));
}

TEST_F(TcpTlsExchange, ImapStartTls) {
  TcpScriptServer server(TcpScript::imap_starttls(), ca.issue());
  EXPECT_EQ(tls_converse(server, TlsMode::kStartTlsImap).failure, "");
}

TEST_F(TcpTlsExchange, Pop3Stls) {
  TcpScriptServer server(TcpScript::pop3_stls(), ca.issue());
  EXPECT_EQ(tls_converse(server, TlsMode::kStartTlsPop3).failure, "");
}

TEST_F(TcpTlsExchange, SmtpServerWithoutStartTlsIsNamed) {
  TcpScriptServer server(
      TcpScript().send("220 mail.test ESMTP\r\n").expect("EHLO", "250 mail.test\r\n"));
  const auto result = tls_converse(server, TlsMode::kStartTlsSmtp);
  EXPECT_NE(result.failure.find("does not offer STARTTLS"), std::string::npos) << result.failure;
}

TEST_F(TcpTlsExchange, SelfSignedCertificateIsRejected) {
  TcpScriptServer server(TcpScript::implicit_tls(), testing::self_signed_certificate());
  const auto result = tls_converse(server, TlsMode::kImplicit);
  EXPECT_NE(result.failure.find("self-signed certificate"), std::string::npos) << result.failure;
}

}  // namespace
}  // namespace nyxmon::infra::probes
