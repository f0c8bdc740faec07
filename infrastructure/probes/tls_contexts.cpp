#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

namespace ssl = boost::asio::ssl;

domain::Result<std::shared_ptr<ssl::context>> TlsContexts::client(bool verify,
                                                                  const std::string& ca_file) {
  std::lock_guard lock(mutex_);
  const auto key = std::pair{verify, ca_file};
  if (auto it = contexts_.find(key); it != contexts_.end()) return it->second;

  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code error;
  context->set_options(
      ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3, error);
  if (verify) {
    context->set_default_verify_paths(error);
    if (!ca_file.empty()) {
      context->load_verify_file(ca_file, error);
      if (error) {
        return domain::fail(domain::Error::invalid_argument("cannot load CA file " + ca_file +
                                                            ": " + error.message()));
      }
    }
    context->set_verify_mode(ssl::verify_peer);
  } else {
    context->set_verify_mode(ssl::verify_none);
  }
  contexts_.emplace(key, context);
  return context;
}

}  // namespace nyxmon::infra::probes
