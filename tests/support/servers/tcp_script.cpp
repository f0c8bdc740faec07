#include "tests/support/servers/tcp_script.hpp"

#include <algorithm>
#include <utility>

namespace nyxmon::testing {

TcpScript& TcpScript::send(std::string bytes) {
  steps_.push_back({.kind = TcpStep::Kind::send, .text = std::move(bytes)});
  return *this;
}

TcpScript& TcpScript::expect(std::string needle, std::string reply) {
  steps_.push_back(
      {.kind = TcpStep::Kind::expect, .text = std::move(needle), .reply = std::move(reply)});
  return *this;
}

TcpScript& TcpScript::start_tls() {
  steps_.push_back({.kind = TcpStep::Kind::start_tls});
  return *this;
}

TcpScript& TcpScript::pause(std::chrono::milliseconds duration) {
  steps_.push_back({.kind = TcpStep::Kind::pause, .duration = duration});
  return *this;
}

TcpScript& TcpScript::pause_between(std::chrono::milliseconds shortest,
                                    std::chrono::milliseconds longest) {
  steps_.push_back({.kind = TcpStep::Kind::pause, .duration = shortest, .longest = longest});
  return *this;
}

TcpScript& TcpScript::close() {
  steps_.push_back({.kind = TcpStep::Kind::close});
  return *this;
}

TcpScript& TcpScript::reset() {
  steps_.push_back({.kind = TcpStep::Kind::reset});
  return *this;
}

TcpScript& TcpScript::echo() {
  steps_.push_back({.kind = TcpStep::Kind::echo});
  return *this;
}

bool TcpScript::uses_tls() const {
  return std::ranges::any_of(
      steps_, [](const TcpStep& step) { return step.kind == TcpStep::Kind::start_tls; });
}

TcpScript TcpScript::banner(std::string banner) {
  TcpScript script;
  script.send(std::move(banner));
  return script;
}

TcpScript TcpScript::smtp_starttls(std::string host) {
  TcpScript script;
  script.send("220 " + host + " ESMTP nyxmon-test\r\n")
      .expect("EHLO", "250-" + host + "\r\n250 STARTTLS\r\n")
      .expect("STARTTLS", "220 Go ahead\r\n")
      .start_tls();
  return script;
}

TcpScript TcpScript::imap_starttls() {
  TcpScript script;
  script.send("* OK [CAPABILITY IMAP4rev1 STARTTLS] nyxmon-test ready\r\n")
      .expect("STARTTLS", "{tag} OK Begin TLS negotiation now\r\n")
      .start_tls();
  return script;
}

TcpScript TcpScript::pop3_stls() {
  TcpScript script;
  script.send("+OK nyxmon-test POP3 ready\r\n")
      .expect("STLS", "+OK Begin TLS negotiation\r\n")
      .start_tls();
  return script;
}

TcpScript TcpScript::implicit_tls() {
  TcpScript script;
  script.start_tls();
  return script;
}

TcpScript TcpScript::echo_server() {
  TcpScript script;
  script.echo();
  return script;
}

}  // namespace nyxmon::testing
