// control_socket.hpp — how other processes (the nyxmon CLI) ask a running
// engine to write: a UNIX socket in the data directory (mode 0600) taking
// one JSON request per line and answering one JSON line.
//
//   {"command":"ping","check":"backup","signal":"start"}
//   {"command":"pause","check":"api","reason":"deploy"}
//   {"command":"resume"|"run"|"remove","check":"api"}
//   {"command":"ack","check":"api","by":"alice","comment":"on it","sticky":true,"expires":"2h"}
//   {"command":"unack","check":"api","by":"alice"}
//   {"command":"maintenance_add","id":"db-upgrade","services":["shop"],"duration":"2h",
//    "comment":"…","by":"alice"}   (the fields of config/maintenance_fields.hpp)
//   {"command":"maintenance_end","window":"db-upgrade","by":"alice"}
//   {"command":"silence_add","match":["service=shop"],"duration":"2h","comment":"…","by":"alice"}
//   {"command":"silence_end","silence":"s-20261202-171230","by":"alice"}
//   {"command":"apply","config":"<YAML text>","source":"checks.yaml"}
//   {"command":"backup","to":"/var/backups/nyxmon","keep":7}
//     → {"ok":true,"backup":{"id":3,"sequence":1200,"bytes":…,"files":…,"kept":3}}
//     (answered when the backup is done, by the engine's BackupRunner)
// → {"ok":true,"events":3}  or
//   {"ok":false,"error":"check 'x' is not defined","code":"not_found","where":"x"}
// ("code" is an error code's name, domain/error.hpp; "where" only when known)
//
// Requests become commands on the engine's inbox like everything else.
#pragma once

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "domain/error.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/runtime/control_request.hpp"
#include "infrastructure/system/owned_descriptor.hpp"

namespace nyxmon::infra::runtime {

// The control socket's listening descriptor, bound before the engine opens
// its store (so that a clash is found before anything is written).
class ControlListener {
 public:
  // Binds `path` with mode 0600. A socket file that an engine still answers
  // at is left alone: kUnavailable ("another engine runs on DIR"). A stale
  // one, from an engine that died, is replaced. kIo when the path cannot be
  // bound (too long for a UNIX socket, no such directory, no permission).
  static domain::Result<ControlListener> bind(const std::filesystem::path& path);

  ControlListener(ControlListener&&) = default;
  ControlListener& operator=(ControlListener&&) = default;
  // Removes the socket file unless a ControlSocket took the listener over.
  ~ControlListener();

  const std::filesystem::path& path() const { return path_; }

 private:
  friend class ControlSocket;
  ControlListener() = default;
  system::OwnedDescriptor descriptor_;
  std::filesystem::path path_;
};

class ControlSocket {
 public:
  // How a backup request is carried out: `answer` takes the JSON line to
  // send back, from any thread.
  using BackupWork = std::function<void(std::filesystem::path to, std::size_t keep,
                                        std::function<void(std::string)> answer)>;

  // Serves requests on `listener`, on `io`'s thread, handing each to
  // `submit` (the core's inbox), and backups to `backup` (refused when
  // none is given).
  static std::unique_ptr<ControlSocket> open(boost::asio::io_context& io, ControlListener listener,
                                             SubmitWork submit, BackupWork backup = {});
  ~ControlSocket();  // stops listening and removes the socket file

 private:
  struct Impl;
  explicit ControlSocket(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

// The answer to a backup request: {"ok":true,"backup":{...}} or the error.
std::string backup_answer(const domain::Result<eventstore::EventStore::Backup>& outcome);

// Sends one request to the engine whose data directory is `data_directory`
// and returns its JSON answer. Fails with kUnavailable when no engine
// listens there.
domain::Result<std::string> send_control_request(const std::filesystem::path& data_directory,
                                                 const std::string& request_json);

}  // namespace nyxmon::infra::runtime
