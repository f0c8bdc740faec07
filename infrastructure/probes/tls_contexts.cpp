#include "infrastructure/probes/tls_contexts.hpp"

namespace nyxmon::infra::probes {

namespace ssl = boost::asio::ssl;

domain::Result<std::shared_ptr<ssl::context>> TlsContexts::client(bool verify,
                                                                  const std::string& ca_file,
                                                                  const ClientIdentity& identity) {
  std::lock_guard lock(mutex_);
  const auto key = std::tuple{verify, ca_file, identity};
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
  if (!identity.certificate.empty()) {
    const std::string& key_file = identity.key.empty() ? identity.certificate : identity.key;
    context->use_certificate_chain_file(identity.certificate, error);
    if (error) {
      return domain::fail(domain::Error::invalid_argument(
          "cannot load client certificate " + identity.certificate + ": " + error.message()));
    }
    context->use_private_key_file(key_file, ssl::context::pem, error);
    if (error) {
      return domain::fail(domain::Error::invalid_argument("cannot load client key " + key_file +
                                                          ": " + error.message()));
    }
  }
  contexts_.emplace(key, context);
  return context;
}

}  // namespace nyxmon::infra::probes
