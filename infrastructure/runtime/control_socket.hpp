// control_socket.hpp — how other processes (the nyxmon CLI) ask a running
// engine to write: a UNIX socket in the data directory (mode 0600) taking
// one JSON request per line and answering one JSON line.
//
//   {"command":"ping","check":"backup","signal":"start"}
//   {"command":"pause","check":"api","reason":"deploy"}
//   {"command":"resume"|"run"|"remove","check":"api"}
//   {"command":"apply","config":"<YAML text>","source":"checks.yaml"}
// → {"ok":true,"events":3}  or  {"ok":false,"error":"check 'x' is not defined"}
//
// Requests become commands on the engine's inbox like everything else.
#pragma once

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <memory>

#include "domain/error.hpp"

namespace nyxmon::infra::runtime {

class Engine;

class ControlSocket {
 public:
  // Listens at `path` (replacing a stale socket file). Fails with a clear
  // error when the path cannot be bound.
  static domain::Result<std::unique_ptr<ControlSocket>> open(boost::asio::io_context& io,
                                                             const std::filesystem::path& path,
                                                             Engine& engine);
  ~ControlSocket();  // stops listening and removes the socket file

 private:
  struct Impl;
  explicit ControlSocket(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

// Sends one request to the engine whose data directory is `data_directory`
// and returns its JSON answer. Fails with kUnavailable when no engine
// listens there.
domain::Result<std::string> send_control_request(const std::filesystem::path& data_directory,
                                                 const std::string& request_json);

}  // namespace nyxmon::infra::runtime
