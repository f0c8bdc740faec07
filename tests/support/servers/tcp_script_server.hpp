// tcp_script_server.hpp — a real TCP server on 127.0.0.1 that holds a scripted
// conversation with every client, for the TCP, banner and STARTTLS probe tests.
//
//   TestCertificateAuthority ca;
//   TcpScriptServer smtp(TcpScript::smtp_starttls(), ca.issue());
//   probe("127.0.0.1", smtp.port());
//   EXPECT_EQ(smtp.tls_handshake_count(), 1u);
//
//   TcpScriptServer banner(TcpScript::banner("SSH-2.0-OpenSSH_9.2\r\n"));
//   TcpScriptServer echo(TcpScript::echo_server());
//
// Contract:
// - Listens on 127.0.0.1 with an ephemeral port as soon as it is constructed;
//   runs its own io_context on its own thread; the destructor stops that
//   thread and drops every open connection.
// - Each connection runs the script current when it was accepted (see
//   tcp_script.hpp for the steps); connections run concurrently.
// - A script with a start_tls step needs the certificate constructor; without
//   one the constructor (or set_script) throws std::invalid_argument.
// - Every method is thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/servers/certificates.hpp"
#include "tests/support/servers/tcp_script.hpp"

namespace nyxmon::testing {

class TcpScriptServer {
 public:
  // Plain TCP only.
  explicit TcpScriptServer(TcpScript script);
  // start_tls steps present identity.full_chain_pem() with its private key.
  TcpScriptServer(TcpScript script, const TestCertificate& identity);
  ~TcpScriptServer();
  TcpScriptServer(const TcpScriptServer&) = delete;
  TcpScriptServer& operator=(const TcpScriptServer&) = delete;

  std::uint16_t port() const;

  // Replaces the script for connections accepted from now on.
  void set_script(TcpScript script);

  // Connections accepted so far.
  std::size_t connection_count() const;
  // TLS handshakes that completed on the server's side, which can be a
  // moment after the client's side (TLS 1.3: the client finishes first).
  std::size_t tls_handshake_count() const;
  // Waits until tls_handshake_count() reaches `count` or `timeout` passes;
  // returns whether it did.
  bool wait_for_tls_handshakes(std::size_t count, std::chrono::milliseconds timeout) const;
  // Lines that matched no expect step (each ended its connection).
  std::size_t mismatch_count() const;
  // Every line read by expect steps and while holding, from all connections
  // in arrival order, without the line ending.
  std::vector<std::string> received_lines() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nyxmon::testing
