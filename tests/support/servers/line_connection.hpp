// line_connection.hpp — the server's side of one client connection that
// speaks in lines, plain until start_tls() and encrypted after: what the
// scripted TCP server and the mail test servers converse through.
// Internal to tests/support/servers. Errors (the client left, a failed
// handshake) throw boost::system::system_error out of the coroutines.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nyxmon::testing {

class LineConnection {
 public:
  explicit LineConnection(boost::asio::ip::tcp::socket socket);

  boost::asio::awaitable<void> start_tls(boost::asio::ssl::context& context);
  bool secure() const { return tls_.has_value(); }
  // The next line without its "\r\n" / "\n".
  boost::asio::awaitable<std::string> read_line();
  // Takes the bytes by value: a caller may hand over a temporary and await
  // the write later.
  boost::asio::awaitable<void> write(std::string bytes);
  // Writes back whatever arrives until the client leaves.
  boost::asio::awaitable<void> echo_until_closed();
  void close();
  // Closes with a TCP reset.
  void reset();

 private:
  boost::asio::ip::tcp::socket socket_;
  std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
  std::string buffer_;
};

}  // namespace nyxmon::testing
