// mail_connection.hpp — one line-by-line conversation with a mail server
// (SMTP or IMAP): resolve and connect, TLS from the first byte or after a
// STARTTLS the caller negotiated, lines written and read, every step
// bounded by one deadline. The SMTP and IMAP clients speak through it.
//
// A step that fails returns false (or nullopt) and leaves failure() saying
// what went wrong where ("connection refused by 127.0.0.1:587", "timed out
// after 30s reading from ..."); nothing throws. One coroutine at a time
// uses a connection, on the probes' single-threaded io_context.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model/mail_server.hpp"
#include "infrastructure/probes/phase_timings.hpp"
#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

struct MailPeer {
  std::string host;
  std::uint16_t port = 0;
  bool tls_verify = true;
  std::string ca_file;  // extra trusted CAs; empty: the system's only

  // Where `server` is, speaking `protocol` (its usual port when none is given).
  static MailPeer of(const domain::MailServer& server, domain::MailProtocol protocol);
};

class MailConnection {
 public:
  using Clock = std::chrono::steady_clock;

  MailConnection(boost::asio::any_io_executor executor, TlsContexts& tls, MailPeer peer,
                 Clock::time_point deadline);
  ~MailConnection();
  MailConnection(const MailConnection&) = delete;
  MailConnection& operator=(const MailConnection&) = delete;

  // Resolves and connects; with `tls_at_once`, handshakes straight after.
  boost::asio::awaitable<bool> open(bool tls_at_once);
  // The TLS handshake, once the server has agreed to STARTTLS. Bytes read
  // ahead of it are dropped (RFC 3207 and RFC 3501 forbid acting on them).
  boost::asio::awaitable<bool> start_tls();
  boost::asio::awaitable<bool> write(std::string_view bytes);
  // The next line without its line ending, at most 64 KiB. An IMAP literal
  // announced at a line's end ("{12}") is read into the line with what
  // follows it.
  boost::asio::awaitable<std::optional<std::string>> read_line();
  // Ends the conversation; later steps fail.
  void close();

  bool secure() const;
  const std::string& where() const { return where_; }  // "host:port"
  const std::string& failure() const { return failure_; }
  bool timed_out() const { return timed_out_; }
  // resolve, connect and tls (the handshake) of this connection.
  const PhaseTimings& timings() const { return timings_; }
  std::optional<int> certificate_days_left() const { return certificate_days_left_; }
  // Copies resolve, connect and tls into `into`, leaving its other phases.
  void copy_timings(PhaseTimings& into) const;
  Clock::time_point deadline() const { return deadline_; }

  // Records `what` as the failure (a protocol answer the caller refuses);
  // returns false for `co_return connection.fail(...)`.
  bool fail(std::string what);

 private:
  struct Streams;
  void failed(const boost::system::error_code& error, const std::string& doing);

  boost::asio::any_io_executor executor_;
  TlsContexts& tls_;
  MailPeer peer_;
  Clock::time_point started_;
  Clock::time_point deadline_;
  std::string where_;
  std::unique_ptr<Streams> streams_;
  std::string pending_;
  std::string failure_;
  bool timed_out_ = false;
  PhaseTimings timings_;
  std::optional<int> certificate_days_left_;
};

}  // namespace nyxmon::infra::probes
