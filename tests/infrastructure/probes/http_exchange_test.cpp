#include "infrastructure/probes/http_exchange.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "tests/support/run_on_io.hpp"
#include "tests/support/servers/certificates.hpp"
#include "tests/support/servers/closed_port.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;
using testing::HttpBehaviour;
using testing::HttpTestServer;

HttpExchange exchange(TlsContexts& tls, HttpExchangeRequest request) {
  return testing::run_on_io<HttpExchange>([&](auto executor, auto done) {
    start_http_exchange(executor, tls, request, std::move(done));
  });
}

HttpExchange exchange(HttpExchangeRequest request) {
  TlsContexts tls;
  return exchange(tls, std::move(request));
}

TEST(HttpExchange, ReadsStatusHeadersAndBodyWithPhaseTimings) {
  HttpTestServer server;
  server.route("/health", HttpBehaviour::respond(200, "all good").with_header("X-Build", "42"));
  const auto result = exchange({.url = server.url("/health")});
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "all good");
  EXPECT_EQ(result.header("x-build"), "42");
  EXPECT_GT(result.timings.connect.count(), 0);
  EXPECT_GT(result.timings.first_byte.count(), 0);
  EXPECT_GE(result.timings.total, result.timings.first_byte);
  EXPECT_EQ(server.last_request()->header("user-agent").value_or("").substr(0, 7), "nyxmon/");
}

TEST(HttpExchange, SendsMethodHeadersAndBody) {
  HttpTestServer server;
  server.route("/submit", HttpBehaviour::respond(201));
  const auto result = exchange({.url = server.url("/submit"),
                                .method = "POST",
                                .headers = {{"Authorization", "Bearer t"}},
                                .body = "{\"a\":1}"});
  EXPECT_EQ(result.status, 201);
  const auto request = server.last_request();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->header("authorization"), "Bearer t");
  EXPECT_EQ(request->body, "{\"a\":1}");
}

TEST(HttpExchange, RefusedConnectionNamesTheAddress) {
  const auto port = testing::closed_port();
  const auto result = exchange({.url = "http://127.0.0.1:" + std::to_string(port) + "/"});
  EXPECT_EQ(result.failure, "connection refused by 127.0.0.1:" + std::to_string(port));
  EXPECT_FALSE(result.timed_out);
}

TEST(HttpExchange, SlowFirstByteTimesOutWithinTheTimeout) {
  HttpTestServer server;
  server.route("/slow", HttpBehaviour::respond(200, "late").after(2s));
  const auto started = std::chrono::steady_clock::now();
  const auto result = exchange({.url = server.url("/slow"), .timeout = 300ms});
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.failure, "timed out after 300ms waiting for the first byte");
  EXPECT_LT(took, 1s);
}

TEST(HttpExchange, SlowlorisTrickleCannotOutlastTheTimeout) {
  HttpTestServer server;
  server.route("/drip", HttpBehaviour::respond(200, std::string(500, 'x')).trickled(20ms));
  const auto started = std::chrono::steady_clock::now();
  const auto result = exchange({.url = server.url("/drip"), .timeout = 400ms});
  EXPECT_TRUE(result.timed_out) << result.failure;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
}

TEST(HttpExchange, ATrickleCutShortInTheHeadersSaysSoAndKeepsTheFirstByteTime) {
  HttpTestServer server;
  server.route("/drip", HttpBehaviour::respond(200, "ok").trickled(25ms));
  const auto result = exchange({.url = server.url("/drip"), .timeout = 500ms});
  EXPECT_TRUE(result.timed_out);
  EXPECT_TRUE(result.failure.starts_with("timed out after 500ms reading the headers ("))
      << result.failure;
  EXPECT_TRUE(result.failure.ends_with(" bytes received)")) << result.failure;
  EXPECT_LT(result.timings.first_byte, 250ms);
}

TEST(HttpExchange, ATrickleCutShortInTheBodySaysSoWithTheBytesReceived) {
  HttpTestServer server;
  server.route("/drip", HttpBehaviour::respond(200, std::string(5000, 'x')).trickled(5ms));
  const auto result = exchange({.url = server.url("/drip"), .timeout = 1500ms});
  EXPECT_TRUE(result.timed_out);
  EXPECT_TRUE(result.failure.starts_with("timed out after 1.5s reading the body ("))
      << result.failure;
  EXPECT_TRUE(result.failure.ends_with(" bytes received)")) << result.failure;
  // The headers alone take ~0.5 s at 5 ms a byte; the first of them came at once.
  EXPECT_LT(result.timings.first_byte, 250ms);
}

TEST(HttpExchange, EndlessBodyIsCutAtTheCap) {
  HttpTestServer server;
  server.route("/forever", HttpBehaviour::endless_body());
  const auto result = exchange({.url = server.url("/forever"), .max_body_bytes = 100'000});
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.status, 200);
  EXPECT_TRUE(result.body_truncated);
  EXPECT_EQ(result.body.size(), 100'000u);
}

TEST(HttpExchange, FollowsRedirectsAndReportsWhereItEnded) {
  HttpTestServer server;
  server.route("/old", HttpBehaviour::redirect(301, "/middle"));
  server.route("/middle", HttpBehaviour::redirect(302, server.url("/new")));
  server.route("/new", HttpBehaviour::respond(200, "moved"));
  const auto result = exchange({.url = server.url("/old")});
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "moved");
  EXPECT_EQ(result.redirects_followed, 2);
  EXPECT_EQ(result.final_url, server.url("/new"));
  EXPECT_EQ(result.first_location, "/middle");
}

TEST(HttpExchange, RedirectLoopIsAFailureNotAHang) {
  HttpTestServer server;
  server.route("/loop", HttpBehaviour::redirect(302, "/loop"));
  const auto result = exchange({.url = server.url("/loop")});
  EXPECT_NE(result.failure.find("redirect loop"), std::string::npos) << result.failure;
}

TEST(HttpExchange, TooManyRedirectsStopAtTheLimit) {
  HttpTestServer server;
  for (int i = 0; i < 5; ++i) {
    server.route("/r" + std::to_string(i),
                 HttpBehaviour::redirect(302, "/r" + std::to_string(i + 1)));
  }
  const auto result = exchange({.url = server.url("/r0"), .max_redirects = 2});
  EXPECT_NE(result.failure.find("stopped after 2 redirects"), std::string::npos) << result.failure;
}

TEST(HttpExchange, WithoutFollowingItReportsTheRedirectItself) {
  HttpTestServer server;
  server.route("/old", HttpBehaviour::redirect(301, "/new"));
  const auto result = exchange({.url = server.url("/old"), .follow_redirects = false});
  EXPECT_EQ(result.status, 301);
  EXPECT_EQ(result.first_location, "/new");
  EXPECT_EQ(server.request_count("/new"), 0u);
}

TEST(HttpExchange, ConnectionResetIsNamed) {
  HttpTestServer server;
  server.route("/reset", HttpBehaviour::reset_connection());
  const auto result = exchange({.url = server.url("/reset")});
  EXPECT_NE(result.failure.find("connection reset by 127.0.0.1"), std::string::npos)
      << result.failure;
}

TEST(HttpExchange, GarbageInsteadOfHttpIsAMalformedResponse) {
  HttpTestServer server;
  server.route("/garbage", HttpBehaviour::garbage());
  const auto result = exchange({.url = server.url("/garbage")});
  EXPECT_NE(result.failure.find("malformed HTTP response from 127.0.0.1"), std::string::npos)
      << result.failure;
}

class HttpsExchange : public ::testing::Test {
 protected:
  testing::TempDir dir;
  testing::TestCertificateAuthority ca;
  std::string ca_file = (dir.path() / "ca.pem").string();
  void SetUp() override { ca.write_certificate(ca_file); }
};

TEST_F(HttpsExchange, VerifiesTheServerAndReportsDaysToExpiry) {
  HttpTestServer server(ca.issue({.not_after = std::chrono::days(30)}));
  server.route("/", HttpBehaviour::respond(200, "secure"));
  const auto result = exchange({.url = server.url("/"), .ca_file = ca_file});
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.body, "secure");
  ASSERT_TRUE(result.certificate_days_left);
  // 30 days, less the time since issue: 30 within the same second, else 29.
  EXPECT_GE(*result.certificate_days_left, 29);
  EXPECT_LE(*result.certificate_days_left, 30);
  EXPECT_GT(result.timings.tls.count(), 0);
}

TEST_F(HttpsExchange, ReportsACertificateThatExpiresInThreeDays) {
  HttpTestServer server(ca.issue({.not_after = std::chrono::days(3)}));
  server.route("/", HttpBehaviour::respond(200));
  const auto result = exchange({.url = server.url("/"), .ca_file = ca_file});
  EXPECT_EQ(result.failure, "");
  ASSERT_TRUE(result.certificate_days_left);
  EXPECT_GE(*result.certificate_days_left, 2);
  EXPECT_LE(*result.certificate_days_left, 3);
}

TEST_F(HttpsExchange, ReportsAnExpiredCertificate) {
  HttpTestServer server(
      ca.issue({.not_before = -std::chrono::days(10), .not_after = -std::chrono::days(1)}));
  server.route("/", HttpBehaviour::respond(200));
  const auto result = exchange({.url = server.url("/"), .ca_file = ca_file});
  EXPECT_NE(result.failure.find("certificate has expired"), std::string::npos) << result.failure;
}

TEST_F(HttpsExchange, RejectsASelfSignedCertificate) {
  HttpTestServer server(testing::self_signed_certificate());
  server.route("/", HttpBehaviour::respond(200));
  const auto result = exchange({.url = server.url("/"), .ca_file = ca_file});
  EXPECT_NE(result.failure.find("rejected: self-signed certificate"), std::string::npos)
      << result.failure;
}

TEST_F(HttpsExchange, RejectsACertificateForAnotherHost) {
  HttpTestServer server(ca.issue({.dns_names = {"other.example"}, .ip_addresses = {}}));
  server.route("/", HttpBehaviour::respond(200));
  const auto result = exchange({.url = server.url("/"), .ca_file = ca_file});
  EXPECT_NE(result.failure.find("rejected: IP address mismatch"), std::string::npos)
      << result.failure;
}

TEST_F(HttpsExchange, AcceptsAnyCertificateWhenVerificationIsOff) {
  HttpTestServer server(testing::self_signed_certificate());
  server.route("/", HttpBehaviour::respond(200, "trusting"));
  const auto result = exchange({.url = server.url("/"), .tls_verify = false});
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.body, "trusting");
}

}  // namespace
}  // namespace nyxmon::infra::probes

namespace nyxmon::infra::probes {
namespace {

// A plain HTTP answer from a listener on ::1: the probe reaches IPv6
// literal targets.
TEST(HttpExchange, ReachesAnIpv6LiteralTarget) {
  const int listener = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0)
      << "no IPv6 loopback here";
  ASSERT_EQ(::listen(listener, 4), 0);
  socklen_t size = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size);
  std::thread server([listener] {
    const int client = ::accept(listener, nullptr, nullptr);
    char request[4096];
    (void)::read(client, request, sizeof request);
    const std::string answer =
        "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nv6ok";
    (void)::write(client, answer.data(), answer.size());
    ::close(client);
  });
  const auto result = exchange(
      {.url = "http://[::1]:" + std::to_string(ntohs(address.sin6_port)) + "/", .timeout = 5s});
  server.join();
  ::close(listener);
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "v6ok");
}

// openssl s_server asking every client for a certificate (-Verify 1) and
// trusting only the test's own client certificate.
class MutualTls : public ::testing::Test {
 protected:
  testing::TempDir dir;
  testing::TestCertificateAuthority ca;
  std::string ca_file = (dir.path() / "ca.pem").string();
  std::string client_pem = (dir.path() / "client.pem").string();
  std::string client_key = (dir.path() / "client.key").string();
  std::uint16_t port = testing::closed_port();
  std::unique_ptr<testing::BackgroundProcess> server;

  void SetUp() override {
    ca.write_certificate(ca_file);
    const auto leaf = ca.issue();
    testing::write_pem_file(dir.path() / "server.pem", leaf.full_chain_pem());
    testing::write_pem_file(dir.path() / "server.key", leaf.private_key_pem);
    const auto made =
        testing::run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                              "ec_paramgen_curve:P-256", "-nodes", "-keyout", client_key, "-out",
                              client_pem, "-days", "2", "-subj", "/CN=nyxmon-client"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    server = std::make_unique<testing::BackgroundProcess>(std::vector<std::string>{
        "/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-cert",
        (dir.path() / "server.pem").string(), "-key", (dir.path() / "server.key").string(),
        "-Verify", "1", "-CAfile", client_pem, "-www", "-quiet"});
    for (int i = 0; i < 100 && !testing::port_is_listening(port); ++i)
      std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(testing::port_is_listening(port)) << server->stderr_so_far();
  }
  std::string url() const { return "https://localhost:" + std::to_string(port) + "/"; }
};

TEST_F(MutualTls, AClientCertificateOpensWhatItsAbsenceCannot) {
  const auto refused = exchange({.url = url(), .ca_file = ca_file, .timeout = 5s});
  EXPECT_NE(refused.failure, "") << "the server asked for a certificate and got none";
  const auto admitted = exchange({.url = url(),
                                  .ca_file = ca_file,
                                  .client_identity = {client_pem, client_key},
                                  .timeout = 5s});
  EXPECT_EQ(admitted.failure, "");
  EXPECT_EQ(admitted.status, 200);
  EXPECT_NE(admitted.body.find("s_server"), std::string::npos) << admitted.body.substr(0, 200);
}

TEST_F(MutualTls, AnUnreadableClientKeyIsNamed) {
  const auto result = exchange({.url = url(),
                                .ca_file = ca_file,
                                .client_identity = {client_pem, "/nonexistent/client.key"},
                                .timeout = 5s});
  EXPECT_NE(result.failure.find("cannot load client key /nonexistent/client.key"),
            std::string::npos)
      << result.failure;
}

}  // namespace
}  // namespace nyxmon::infra::probes
