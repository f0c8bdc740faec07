// The TCP script server holds its scripted conversation over real sockets,
// including the switch to TLS that STARTTLS protocols make.
#include "tests/support/servers/tcp_script_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include <stdexcept>
#include <string>

#include "tests/support/servers/certificates.hpp"
#include "tests/support/servers/closed_port.hpp"

namespace nyxmon::testing {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// A blocking client that talks lines, and can switch to TLS mid-way.
class LineClient {
 public:
  explicit LineClient(std::uint16_t port) : socket_(context_) {
    socket_.connect({asio::ip::address_v4::loopback(), port});
  }

  std::string read_line() {
    std::size_t length = asio::read_until(socket_, asio::dynamic_buffer(buffer_), "\r\n");
    std::string line = buffer_.substr(0, length - 2);
    buffer_.erase(0, length);
    return line;
  }

  // Reads lines up to and including the last of a multi-line reply ("250 ...").
  std::string read_reply() {
    std::string reply = read_line();
    while (reply.size() > 3 && reply[3] == '-')
      reply = read_line();
    return reply;
  }

  void write(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }

  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context context_;
  tcp::socket socket_;
  std::string buffer_;
};

// Verifies the server against `authority` as `host`; throws if it fails.
void handshake_as_client(tcp::socket& socket, const TestCertificateAuthority& authority,
                         const std::string& host) {
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.add_certificate_authority(asio::buffer(authority.certificate_pem()));
  tls.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<tcp::socket&> stream(socket, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification(host));
  stream.handshake(asio::ssl::stream_base::client);
}

TEST(TcpScriptServer, SendsItsBannerOnConnect) {
  TcpScriptServer server(TcpScript::banner("SSH-2.0-OpenSSH_9.2\r\n"));

  LineClient client(server.port());

  EXPECT_EQ(client.read_line(), "SSH-2.0-OpenSSH_9.2");
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(TcpScriptServer, SmtpStarttlsConversationEndsInAVerifiedHandshake) {
  TestCertificateAuthority authority;
  TcpScriptServer server(TcpScript::smtp_starttls("mail.test"),
                         authority.issue({.dns_names = {"mail.test"}}));
  LineClient client(server.port());

  EXPECT_EQ(client.read_line(), "220 mail.test ESMTP nyxmon-test");
  client.write("EHLO probe.nyxmon\r\n");
  EXPECT_EQ(client.read_reply(), "250 STARTTLS");
  client.write("STARTTLS\r\n");
  EXPECT_EQ(client.read_line(), "220 Go ahead");
  EXPECT_NO_THROW(handshake_as_client(client.socket(), authority, "mail.test"));

  EXPECT_TRUE(server.wait_for_tls_handshakes(1, std::chrono::seconds(1)));
  EXPECT_EQ(server.received_lines(), (std::vector<std::string>{"EHLO probe.nyxmon", "STARTTLS"}));
}

TEST(TcpScriptServer, ImapStarttlsAnswersWithTheClientsTag) {
  TestCertificateAuthority authority;
  TcpScriptServer server(TcpScript::imap_starttls(), authority.issue());
  LineClient client(server.port());

  EXPECT_TRUE(client.read_line().starts_with("* OK "));
  client.write("x7 STARTTLS\r\n");
  EXPECT_TRUE(client.read_line().starts_with("x7 OK "));
  EXPECT_NO_THROW(handshake_as_client(client.socket(), authority, "localhost"));
}

TEST(TcpScriptServer, ImplicitTlsHandshakesAtOnce) {
  TestCertificateAuthority authority;
  TcpScriptServer server(TcpScript::implicit_tls(), authority.issue());
  LineClient client(server.port());

  EXPECT_NO_THROW(handshake_as_client(client.socket(), authority, "127.0.0.1"));
}

TEST(TcpScriptServer, UnexpectedLineEndsTheConversation) {
  TcpScriptServer server(TcpScript::banner("+OK ready\r\n").expect("STLS", "+OK\r\n"));
  LineClient client(server.port());
  client.read_line();

  client.write("QUIT\r\n");
  std::string rest;
  boost::system::error_code end;
  asio::read(client.socket(), asio::dynamic_buffer(rest), end);

  EXPECT_EQ(end, asio::error::eof);
  EXPECT_TRUE(rest.empty());
  EXPECT_EQ(server.mismatch_count(), 1u);
}

TEST(TcpScriptServer, EchoesWhatItReads) {
  TcpScriptServer server(TcpScript::echo_server());
  LineClient client(server.port());

  client.write("ping\r\n");

  EXPECT_EQ(client.read_line(), "ping");
}

TEST(TcpScriptServer, ScriptWithStartTlsNeedsACertificate) {
  EXPECT_THROW(TcpScriptServer server(TcpScript::pop3_stls()), std::invalid_argument);
}

TEST(LoopbackServers, ClosedPortRefusesConnections) {
  asio::io_context context;
  tcp::socket socket(context);
  boost::system::error_code error;

  socket.connect({asio::ip::address_v4::loopback(), closed_port()}, error);

  EXPECT_EQ(error, asio::error::connection_refused);
}

}  // namespace
}  // namespace nyxmon::testing
