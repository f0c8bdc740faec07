#include "tests/support/servers/line_connection.hpp"

#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace nyxmon::testing {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

LineConnection::LineConnection(tcp::socket socket) : socket_(std::move(socket)) {}

awaitable<void> LineConnection::start_tls(asio::ssl::context& context) {
  buffer_.clear();
  tls_.emplace(socket_, context);
  co_await tls_->async_handshake(asio::ssl::stream_base::server, use_awaitable);
}

awaitable<std::string> LineConnection::read_line() {
  std::size_t length = 0;
  if (tls_) {
    length =
        co_await asio::async_read_until(*tls_, asio::dynamic_buffer(buffer_), '\n', use_awaitable);
  } else {
    length = co_await asio::async_read_until(socket_, asio::dynamic_buffer(buffer_), '\n',
                                             use_awaitable);
  }
  std::string line = buffer_.substr(0, length);
  buffer_.erase(0, length);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  co_return line;
}

awaitable<void> LineConnection::write(std::string bytes) {
  if (tls_) {
    co_await asio::async_write(*tls_, asio::buffer(bytes.data(), bytes.size()), use_awaitable);
  } else {
    co_await asio::async_write(socket_, asio::buffer(bytes.data(), bytes.size()), use_awaitable);
  }
}

awaitable<void> LineConnection::echo_until_closed() {
  std::string pending = std::exchange(buffer_, {});
  if (!pending.empty()) co_await write(pending);
  char chunk[4096];
  for (;;) {
    std::size_t read = 0;
    if (tls_) {
      read = co_await tls_->async_read_some(asio::buffer(chunk), use_awaitable);
    } else {
      read = co_await socket_.async_read_some(asio::buffer(chunk), use_awaitable);
    }
    co_await write(std::string(chunk, read));
  }
}

void LineConnection::close() {
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void LineConnection::reset() {
  boost::system::error_code ignored;
  socket_.set_option(asio::socket_base::linger(true, 0), ignored);
  socket_.close(ignored);
}

}  // namespace nyxmon::testing
