// raw_connection.hpp — a TCP connection to a loopback server that a test
// drives byte by byte: to play slow, silent or misbehaving clients, from a
// chosen local address (any of 127/8).
//
//   RawConnection slow("127.0.0.2", port);
//   slow.send("G");
//   EXPECT_TRUE(slow.closed_by_server(2s));
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace nyxmon::testing {

class RawConnection {
 public:
  // Connects from `source` to 127.0.0.1:`port`; connected() says whether it did.
  RawConnection(const std::string& source, std::uint16_t port);
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  RawConnection& operator=(RawConnection&& other) noexcept;  // closes its own first

  bool connected() const { return fd_ >= 0; }
  // Sends all of `bytes`; false when the connection is gone.
  bool send(const std::string& bytes);
  // Whatever arrives until the server closes or `timeout` passes.
  std::string receive(std::chrono::milliseconds timeout);
  // Whether the server closes (or resets) the connection within `timeout`;
  // what it sends before that is dropped.
  bool closed_by_server(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

}  // namespace nyxmon::testing
