// http_service.hpp — the engine's HTTP side: the status page, the JSON API,
// /metrics and the heartbeat push endpoint (api/api_router.hpp) served on
// the listening socket bound at start. Reads come from the published views;
// writes go to the core through `submit`. The bound address is written to
// <data>/nyxmon.http for the CLI and removed again by stop().
//
// With `tls` (engine.tls) it serves HTTPS only.
//
// Runs on the service I/O thread (`io`), apart from the probes. Owns the
// router and the server; `views` and `store` must outlive it.
#pragma once

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "domain/error.hpp"
#include "infrastructure/api/api_router.hpp"
#include "infrastructure/api/http_server.hpp"

namespace nyxmon::infra::runtime {

class HttpService {
 public:
  // Serves on `socket`; writes the bound address into `control_directory`
  // (nowhere when empty). Fails when that file cannot be written.
  static domain::Result<std::unique_ptr<HttpService>> start(
      boost::asio::io_context& io, api::ListeningSocket socket, api::ViewPublisher& views,
      const eventstore::EventStore& store, SubmitWork submit, api::ApiSettings settings,
      std::filesystem::path control_directory, std::optional<api::ServerTls> tls = std::nullopt);

  ~HttpService() { stop(); }

  // "127.0.0.1:41234".
  const std::string& address() const { return address_; }

  // Stops accepting and removes the address file. Idempotent.
  void stop();

 private:
  HttpService() = default;

  std::unique_ptr<api::ApiRouter> router_;
  std::unique_ptr<api::HttpServer> server_;
  std::string address_;
  std::filesystem::path address_file_;
};

}  // namespace nyxmon::infra::runtime
