// soak_targets — the targets of scripts/soak.sh: healthy loopback services
// and misbehaving ones (slow first byte, a 1 byte/s trickle, an endless
// body, garbage, resets, a huge header, a redirect loop, garbage after the
// TLS ClientHello, silence, replies at the deadline, a DNS server that never
// answers). Writes a configuration that checks all of them to the path given
// as its argument, then serves until its standard input closes.
//
// Checks named healthy-* are expected up; their scheduling lag is what the
// soak reports.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/support/servers/certificates.hpp"
#include "tests/support/servers/dns_test_responder.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/servers/tcp_script_server.hpp"

using namespace std::chrono_literals;
using namespace nyxmon::testing;

namespace {

std::string http_check(const std::string& id, const std::string& url,
                       const std::string& extra = "") {
  return "      - { id: " + id + ", interval: 1s, timeout: 2s, " + extra + "http: { url: \"" + url +
         "\"" + (url.starts_with("https") ? ", ca_file: \"{ca}\"" : "") + " } }\n";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: soak_targets CONFIG_OUT (serves until stdin closes)\n");
    return 1;
  }
  const std::string config_path = argv[1];
  const std::string ca_path = config_path + ".ca.pem";

  TestCertificateAuthority ca;
  ca.write_certificate(ca_path);

  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  web.route("/json", HttpBehaviour::json(R"({"status":"up"})"));
  web.route("/slow", HttpBehaviour::respond(200, "late").after(3s));
  web.route("/trickle", HttpBehaviour::respond(200, "drip drip drip").trickled(1000ms));
  web.route("/endless", HttpBehaviour::endless_body());
  web.route("/garbage", HttpBehaviour::garbage());
  web.route("/reset", HttpBehaviour::reset_connection());
  web.route("/huge-header",
            HttpBehaviour::respond(200, "ok").with_header("X-Huge", std::string(200 * 1024, 'h')));
  web.route("/loop-a", HttpBehaviour::redirect(302, "/loop-b"));
  web.route("/loop-b", HttpBehaviour::redirect(302, "/loop-a"));
  web.route("/deadline", HttpBehaviour::respond(200, "ok").after(1990ms));

  TcpScriptServer echo(TcpScript::echo_server());
  TcpScriptServer tls(TcpScript::implicit_tls(), ca.issue());
  TcpScriptServer tls_garbage(TcpScript().send("\x15\x03\x01\x00\x02garbage after hello\r\n"));
  TcpScriptServer silence(TcpScript().pause(std::chrono::hours(24)));
  TcpScriptServer at_deadline(TcpScript().expect("ping", "").pause_between(170ms, 230ms).send("!"));

  DnsTestResponder dns;
  dns.answer("web.test", DnsType::a, DnsAnswer::records({DnsRecord::a("192.0.2.10")}));
  dns.answer("slow.test", DnsType::a, DnsAnswer::silence());

  const std::string base = "http://127.0.0.1:" + std::to_string(web.port());
  const std::string local = "127.0.0.1";
  std::string checks;
  for (int i = 1; i <= 4; ++i)
    checks += http_check("healthy-web-" + std::to_string(i), base + "/health");
  checks += http_check("healthy-json", base + "/json", "");
  checks += "      - { id: healthy-tcp, interval: 1s, timeout: 2s, tcp: { host: " + local +
            ", port: " + std::to_string(echo.port()) + ", send: \"hello\\n\", expect: hello } }\n";
  checks += "      - { id: healthy-tls, interval: 1s, timeout: 2s, tls: { host: " + local +
            ", port: " + std::to_string(tls.port()) + ", ca_file: \"{ca}\", sni: localhost } }\n";
  checks +=
      "      - { id: healthy-dns, interval: 1s, timeout: 2s, dns: { name: web.test, type: A, "
      "server: \"127.0.0.1:" +
      std::to_string(dns.port()) + "\", expect: [192.0.2.10] } }\n";
  checks +=
      "      - { id: healthy-ping, interval: 1s, timeout: 2s, icmp: { host: 127.0.0.1, count: 1 } "
      "}\n";
  checks += http_check("slow-first-byte", base + "/slow");
  checks += http_check("trickle", base + "/trickle");
  checks += http_check("endless-body", base + "/endless");
  checks += http_check("garbage", base + "/garbage");
  checks += http_check("reset", base + "/reset");
  checks += http_check("huge-header", base + "/huge-header");
  checks += http_check("redirect-loop", base + "/loop-a");
  checks += http_check("reply-at-deadline", base + "/deadline");
  checks +=
      http_check("tls-garbage", "https://127.0.0.1:" + std::to_string(tls_garbage.port()) + "/");
  checks += "      - { id: silence, interval: 1s, timeout: 500ms, tcp: { host: " + local +
            ", port: " + std::to_string(silence.port()) + ", expect: anything } }\n";
  checks += "      - { id: tcp-at-deadline, interval: 1s, timeout: 200ms, tcp: { host: " + local +
            ", port: " + std::to_string(at_deadline.port()) +
            ", send: \"ping\\n\", expect: \"!\" } }\n";
  checks +=
      "      - { id: dns-silence, interval: 1s, timeout: 500ms, dns: { name: slow.test, type: A, "
      "server: \"127.0.0.1:" +
      std::to_string(dns.port()) + "\" } }\n";

  std::ofstream out(config_path);
  out << "engine: { durability: async, snapshot_every: 20000 }\n"
         "services:\n  - id: soak\n    checks:\n"
      << replace_all(checks, "{ca}", ca_path);
  out.close();
  std::printf("%s\n", config_path.c_str());
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return 0;
}
