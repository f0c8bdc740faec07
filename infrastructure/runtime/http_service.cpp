#include "infrastructure/runtime/http_service.hpp"

#include <fstream>

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

Result<std::unique_ptr<HttpService>> HttpService::start(
    boost::asio::io_context& io, api::ListeningSocket socket, api::ViewPublisher& views,
    const eventstore::EventStore& store, SubmitWork submit, api::ApiSettings settings,
    std::filesystem::path control_directory, std::optional<api::ServerTls> tls) {
  std::unique_ptr<HttpService> service(new HttpService());
  service->router_ = std::make_unique<api::ApiRouter>(io.get_executor(), views, store,
                                                      std::move(submit), std::move(settings));
  service->server_ = api::HttpServer::start(
      io, std::move(socket),
      [router = service->router_.get()](api::HttpRequest request, api::Respond respond) {
        router->handle(std::move(request), std::move(respond));
      },
      api::HttpLimits{}, std::move(tls));
  service->address_ = service->server_->bound_address();
  if (!control_directory.empty()) {
    service->address_file_ = control_directory / "nyxmon.http";
    std::ofstream out(service->address_file_, std::ios::trunc);
    out << service->address_ << "\n";
    if (!out) return fail(Error::io("cannot write " + service->address_file_.string()));
  }
  return service;
}

void HttpService::stop() {
  server_.reset();
  if (!address_file_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(address_file_, ignored);
    address_file_.clear();
  }
}

}  // namespace nyxmon::infra::runtime
