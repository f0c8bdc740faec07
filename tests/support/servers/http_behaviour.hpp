// http_behaviour.hpp — what an HttpTestServer route does with a request:
// answer well, answer slowly, answer forever, or misbehave on purpose.
//
// A plain aggregate, so a test can write either the named constructors or
// designated initialisers:
//   HttpBehaviour::respond(200, "ok")
//   HttpBehaviour::json(R"({"status":"up"})").with_header("Cache-Control", "no-store")
//   HttpBehaviour::respond(200, "late").after(300ms)            // slow first byte
//   HttpBehaviour::respond(200, "drip").trickled(50ms)          // slowloris
//   HttpBehaviour::redirect(302, "/next")
//   HttpBehaviour{.status = 418, .body = "teapot"}
//
// Every field applies in this order: wait first_byte_delay, then perform
// `action`. Bytes of a response are written as they are produced; nothing is
// buffered beyond one 64 KiB slice, so huge and endless bodies cost no memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace nyxmon::testing {

struct HttpBehaviour {
  enum class Action {
    respond,           // an HTTP response built from the fields below
    endless_body,      // status + headers, then a chunked body that never ends
    reset_connection,  // no response: close with SO_LINGER 0, so the client sees RST
    close_connection,  // no response: a clean close (FIN); the client sees EOF
    garbage,           // `garbage_bytes` instead of HTTP, then a clean close
  };

  Action action = Action::respond;
  unsigned status = 200;
  // Sent as given, after the server's own Server and Content-Length (or
  // Transfer-Encoding) fields, which a header of the same name replaces (so a
  // lying Content-Length can be scripted).
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = {};
  // When non-zero, the body is this many 'x' bytes instead of `body`,
  // generated while sending (with a matching Content-Length).
  std::size_t generated_body_bytes = 0;
  // Silence between reading the request and writing the first byte.
  std::chrono::milliseconds first_byte_delay{0};
  // respond/garbage: the bytes go out one at a time with this pause between
  // them (slowloris). endless_body: the pause between 1 KiB chunks.
  // Zero means as fast as the client reads.
  std::chrono::milliseconds trickle_interval{0};
  std::string garbage_bytes = "SSH-2.0-not-http\r\n\x01\x02\x03\xff\xfe\r\n\r\n";
  // Answer with "Connection: close" and close after the response, even if
  // the client asked to keep the connection alive.
  bool close_after_response = false;

  // A response with a text body (Content-Type `content_type`).
  static HttpBehaviour respond(unsigned status, std::string body = {},
                               std::string content_type = "text/plain");
  // A response with Content-Type application/json.
  static HttpBehaviour json(std::string json_text, unsigned status = 200);
  // `status` (301, 302, 307, 308) with Location: `location`, which may be a
  // path ("/next") or an absolute URL (server.url("/next")).
  static HttpBehaviour redirect(unsigned status, std::string location);
  // 200 with a body of `bytes` bytes.
  static HttpBehaviour huge_body(std::size_t bytes);
  // 200, chunked, never finishes; stops when the client goes away.
  static HttpBehaviour endless_body(std::chrono::milliseconds pause_between_chunks = {});
  static HttpBehaviour reset_connection();
  static HttpBehaviour close_connection();
  // `bytes` instead of HTTP; when empty, the default garbage_bytes.
  static HttpBehaviour garbage(std::string bytes = {});

  // Copies with one thing changed, for chaining. with_header replaces any
  // header of that name (case-insensitive); append to `headers` to repeat one.
  HttpBehaviour with_header(std::string name, std::string value) const;
  HttpBehaviour after(std::chrono::milliseconds delay_before_first_byte) const;
  HttpBehaviour trickled(std::chrono::milliseconds pause_between_bytes) const;
  HttpBehaviour closing() const;  // close_after_response = true
};

}  // namespace nyxmon::testing
