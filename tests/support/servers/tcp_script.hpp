// tcp_script.hpp — the conversation a TcpScriptServer holds with each client:
// what to send, which line to wait for and what to answer, when to switch to
// TLS, and how to end.
//
//   TcpScript()
//       .send("220 mail.test ESMTP\r\n")
//       .expect("EHLO", "250-mail.test\r\n250 STARTTLS\r\n")
//       .expect("STARTTLS", "220 Go ahead\r\n")
//       .start_tls();
//
// Steps run in order, once per connection:
// - send: writes bytes as given (write the "\r\n" yourself).
// - expect: reads one line (up to "\n"); if it contains `needle`
//   (case-insensitive) writes `reply`, in which "{tag}" stands for the first
//   word of the line read (the IMAP tag). Any other line ends the connection
//   with a clean close, counted as a mismatch.
// - start_tls: a server-side TLS handshake on the same socket; later steps
//   speak TLS. Bytes the client sent early are discarded (no injection).
// - pause: silence for a while; pause_between: for a random while in
//   [shortest, longest], drawn anew for each connection.
// - close / reset: a clean close (FIN), or an abortive one (RST).
// - echo: writes back every byte it reads until the client leaves.
// After the last step the server holds the connection, reading and recording
// lines without answering, until the client closes it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace nyxmon::testing {

struct TcpStep {
  enum class Kind { send, expect, start_tls, pause, close, reset, echo };
  Kind kind = Kind::send;
  std::string text = {};                  // send: the bytes; expect: the needle
  std::string reply = {};                 // expect: the answer
  std::chrono::milliseconds duration{0};  // pause (the shortest, with a longest)
  std::chrono::milliseconds longest{0};   // pause_between: the longest
};

class TcpScript {
 public:
  TcpScript& send(std::string bytes);
  TcpScript& expect(std::string needle, std::string reply);
  TcpScript& start_tls();
  TcpScript& pause(std::chrono::milliseconds duration);
  TcpScript& pause_between(std::chrono::milliseconds shortest, std::chrono::milliseconds longest);
  TcpScript& close();
  TcpScript& reset();
  TcpScript& echo();

  const std::vector<TcpStep>& steps() const { return steps_; }
  // Whether a start_tls step appears (the server then needs a certificate).
  bool uses_tls() const;

  // Sends `banner` on connect, then holds.
  static TcpScript banner(std::string banner);
  // "220 <host> ESMTP" / EHLO → "250-<host>\r\n250 STARTTLS" / STARTTLS →
  // "220 Go ahead" / TLS.
  static TcpScript smtp_starttls(std::string host = "mail.test");
  // "* OK [CAPABILITY IMAP4rev1 STARTTLS]" / "<tag> STARTTLS" → "<tag> OK" / TLS.
  static TcpScript imap_starttls();
  // "+OK" / STLS → "+OK" / TLS.
  static TcpScript pop3_stls();
  // A TLS handshake as soon as the client connects (HTTPS, SMTPS, IMAPS...).
  static TcpScript implicit_tls();
  // Echoes every byte back.
  static TcpScript echo_server();

 private:
  std::vector<TcpStep> steps_;
};

}  // namespace nyxmon::testing
