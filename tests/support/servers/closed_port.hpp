// closed_port.hpp — a loopback TCP port with nothing listening on it, for
// "connection refused" tests and for servers a test starts; and whether a
// port is listening yet.
//
// Binds 127.0.0.1:0, reads the port the kernel chose and closes the socket.
// Until something else happens to take that port (unlikely within a test, not
// impossible), connecting to it is refused. Throws std::runtime_error if no
// socket can be bound.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace nyxmon::testing {

inline std::uint16_t closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("closed_port: socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
               ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!bound) throw std::runtime_error("closed_port: cannot bind 127.0.0.1:0");
  return ntohs(address.sin_port);
}

// Whether something accepts connections on 127.0.0.1:`port` now: how a
// test waits for a server it started (nginx, openssl s_server) to listen.
inline bool port_is_listening(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return up;
}

}  // namespace nyxmon::testing
