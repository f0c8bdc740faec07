#include "infrastructure/api/server_tls.hpp"

#include <boost/asio/ssl/context.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace nyxmon::infra::api {

namespace ssl = boost::asio::ssl;

namespace {

// OpenSSL's reason for the last failure, without its codes.
std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  const char* reason = code ? ERR_reason_error_string(code) : nullptr;
  return reason ? reason : "unreadable";
}

}  // namespace

domain::Result<ServerTls> ServerTls::load(const ServerTlsFiles& files) {
  if (files.certificate.empty() || files.key.empty()) {
    return domain::fail(
        domain::Error::invalid_argument("engine.tls needs both cert and key (PEM files)"));
  }
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_compression |
                       ssl::context::single_dh_use);
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(native, files.certificate.c_str()) != 1) {
    return domain::fail(domain::Error::invalid_argument("engine.tls.cert '" + files.certificate +
                                                        "': not a readable PEM certificate (" +
                                                        openssl_reason() + ")"));
  }
  if (SSL_CTX_use_PrivateKey_file(native, files.key.c_str(), SSL_FILETYPE_PEM) != 1) {
    const bool mismatch = ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH;
    if (!mismatch) {
      return domain::fail(domain::Error::invalid_argument("engine.tls.key '" + files.key +
                                                          "': not a readable PEM private key (" +
                                                          openssl_reason() + ")"));
    }
    ERR_clear_error();
  }
  if (ERR_peek_last_error() != 0 || SSL_CTX_check_private_key(native) != 1) {
    return domain::fail(domain::Error::invalid_argument(
        "engine.tls.key '" + files.key + "' does not belong to the certificate in '" +
        files.certificate + "'"));
  }
  ServerTls tls;
  tls.context_ = std::move(context);
  return tls;
}

}  // namespace nyxmon::infra::api
