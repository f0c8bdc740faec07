// The HTTP test server answers real sockets the way its routes say.
#include "tests/support/servers/http_test_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <string>

#include "tests/support/servers/certificates.hpp"

namespace nyxmon::testing {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;

struct RawExchange {
  std::string bytes;              // everything read until the connection ended
  boost::system::error_code end;  // how it ended (eof, connection_reset, ...)
};

std::string get(std::string_view path, std::string_view extra_headers = "") {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
         std::string(extra_headers) + "\r\n";
}

// Writes `request` on a fresh connection and reads until the server ends it.
RawExchange exchange(std::uint16_t port, const std::string& request) {
  asio::io_context context;
  tcp::socket socket(context);
  socket.connect({asio::ip::address_v4::loopback(), port});
  asio::write(socket, asio::buffer(request));
  RawExchange result;
  asio::read(socket, asio::dynamic_buffer(result.bytes), result.end);
  return result;
}

std::string body_of(const std::string& response) {
  auto end_of_head = response.find("\r\n\r\n");
  return end_of_head == std::string::npos ? std::string() : response.substr(end_of_head + 4);
}

TEST(HttpTestServer, AnswersARoutedPathWithItsStatusHeadersAndBody) {
  HttpTestServer server;
  server.route("/health", HttpBehaviour::json(R"({"status":"up"})").with_header("X-Probe", "1"));

  RawExchange reply = exchange(server.port(), get("/health?verbose=1"));

  EXPECT_TRUE(reply.bytes.starts_with("HTTP/1.1 200 OK\r\n")) << reply.bytes;
  EXPECT_NE(reply.bytes.find("Content-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(reply.bytes.find("X-Probe: 1\r\n"), std::string::npos);
  EXPECT_EQ(body_of(reply.bytes), R"({"status":"up"})");
  EXPECT_EQ(reply.end, asio::error::eof);
}

TEST(HttpTestServer, AnswersAnUnroutedPathWith404) {
  HttpTestServer server;
  EXPECT_TRUE(exchange(server.port(), get("/nowhere")).bytes.starts_with("HTTP/1.1 404 "));
}

TEST(HttpTestServer, RecordsTheRequestForAssertions) {
  HttpTestServer server;
  server.route("/submit", HttpBehaviour::respond(204));

  exchange(server.port(),
           "POST /submit?x=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
           "Authorization: Bearer t0k3n\r\nContent-Length: 5\r\n\r\nhello");

  ASSERT_TRUE(server.last_request().has_value());
  RecordedHttpRequest request = *server.last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/submit?x=1");
  EXPECT_EQ(request.path, "/submit");
  EXPECT_EQ(request.header("authorization"), "Bearer t0k3n");
  EXPECT_EQ(request.body, "hello");
  EXPECT_EQ(server.request_count(), 1u);
  EXPECT_EQ(server.request_count("/submit"), 1u);
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(HttpTestServer, SlowFirstByteHoldsTheResponseBack) {
  HttpTestServer server;
  server.route("/slow", HttpBehaviour::respond(200, "late").after(200ms));

  auto started = std::chrono::steady_clock::now();
  RawExchange reply = exchange(server.port(), get("/slow"));

  EXPECT_GE(std::chrono::steady_clock::now() - started, 190ms);
  EXPECT_EQ(body_of(reply.bytes), "late");
}

TEST(HttpTestServer, TrickledResponseArrivesByteByByte) {
  HttpTestServer server;
  server.route("/drip", HttpBehaviour::respond(200, "drip").trickled(2ms));

  auto started = std::chrono::steady_clock::now();
  RawExchange reply = exchange(server.port(), get("/drip"));

  // Some 90 bytes of head and body, 2 ms apart.
  EXPECT_GE(std::chrono::steady_clock::now() - started, 2ms * (reply.bytes.size() - 1));
  EXPECT_EQ(body_of(reply.bytes), "drip");
}

TEST(HttpTestServer, ResetRouteResetsTheConnection) {
  HttpTestServer server;
  server.route("/reset", HttpBehaviour::reset_connection());

  RawExchange reply = exchange(server.port(), get("/reset"));

  EXPECT_EQ(reply.end, asio::error::connection_reset);
  EXPECT_TRUE(reply.bytes.empty());
}

TEST(HttpTestServer, GarbageRouteAnswersWithSomethingThatIsNotHttp) {
  HttpTestServer server;
  server.route("/garbage", HttpBehaviour::garbage("NOT-HTTP\x01\x02"));

  EXPECT_EQ(exchange(server.port(), get("/garbage")).bytes, "NOT-HTTP\x01\x02");
}

TEST(HttpTestServer, RedirectCarriesItsLocation) {
  HttpTestServer server;
  server.route("/loop", HttpBehaviour::redirect(302, "/loop"));

  RawExchange reply = exchange(server.port(), get("/loop"));

  EXPECT_TRUE(reply.bytes.starts_with("HTTP/1.1 302 ")) << reply.bytes;
  EXPECT_NE(reply.bytes.find("Location: /loop\r\n"), std::string::npos);
}

TEST(HttpTestServer, HugeBodyHasExactlyTheAnnouncedLength) {
  HttpTestServer server;
  server.route("/huge", HttpBehaviour::huge_body(3'000'000));

  RawExchange reply = exchange(server.port(), get("/huge"));

  EXPECT_NE(reply.bytes.find("Content-Length: 3000000\r\n"), std::string::npos);
  EXPECT_EQ(body_of(reply.bytes).size(), 3'000'000u);
}

TEST(HttpTestServer, SurvivesAClientLeavingAnEndlessBody) {
  HttpTestServer server;
  server.route("/endless", HttpBehaviour::endless_body());
  server.route("/health", HttpBehaviour::respond(200, "ok"));
  {
    asio::io_context context;
    tcp::socket socket(context);
    socket.connect({asio::ip::address_v4::loopback(), server.port()});
    asio::write(socket, asio::buffer(get("/endless")));
    std::string received(256 * 1024, '\0');
    asio::read(socket, asio::buffer(received));  // more than any fixed body would hold
    EXPECT_TRUE(received.starts_with("HTTP/1.1 200 OK\r\n"));
    EXPECT_NE(received.find("Transfer-Encoding: chunked\r\n"), std::string::npos);
  }  // the client leaves mid-body

  EXPECT_EQ(body_of(exchange(server.port(), get("/health")).bytes), "ok");
}

TEST(HttpTestServer, DownAnswers503UntilBackUp) {
  HttpTestServer server;
  server.route("/health", HttpBehaviour::respond(200, "ok"));

  server.set_down(true);
  EXPECT_TRUE(exchange(server.port(), get("/health")).bytes.starts_with("HTTP/1.1 503 "));
  server.set_down(false);
  EXPECT_TRUE(exchange(server.port(), get("/health")).bytes.starts_with("HTTP/1.1 200 "));
}

TEST(HttpTestServer, HttpsHandshakeVerifiesAgainstTheGeneratedAuthorityAndSan) {
  TestCertificateAuthority authority;
  HttpTestServer server(authority.issue({.dns_names = {"probe.test"}}));
  server.route("/health", HttpBehaviour::respond(200, "secure"));

  asio::io_context context;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.add_certificate_authority(asio::buffer(authority.certificate_pem()));
  tls.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<tcp::socket> stream(context, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification("probe.test"));
  stream.next_layer().connect({asio::ip::address_v4::loopback(), server.port()});
  stream.handshake(asio::ssl::stream_base::client);
  asio::write(stream, asio::buffer(get("/health")));
  std::string response;
  boost::system::error_code end;
  asio::read(stream, asio::dynamic_buffer(response), end);

  EXPECT_EQ(server.url("/health"),
            "https://127.0.0.1:" + std::to_string(server.port()) + "/health");
  EXPECT_EQ(body_of(response), "secure");
}

TEST(HttpTestServer, HttpsHandshakeFailsForANameNotInTheSan) {
  TestCertificateAuthority authority;
  HttpTestServer server(authority.issue({.dns_names = {"probe.test"}}));

  asio::io_context context;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.add_certificate_authority(asio::buffer(authority.certificate_pem()));
  tls.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<tcp::socket> stream(context, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification("other.test"));
  stream.next_layer().connect({asio::ip::address_v4::loopback(), server.port()});
  boost::system::error_code error;
  stream.handshake(asio::ssl::stream_base::client, error);

  EXPECT_TRUE(error);
}

}  // namespace
}  // namespace nyxmon::testing
