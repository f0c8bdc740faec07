// tls_contexts.hpp — the OpenSSL client contexts probes share.
//
// Building a context loads the system's trust store, which costs
// milliseconds; probes instead borrow one of a few shared contexts, keyed by
// whether peers are verified, by an extra CA file and by the client
// certificate presented (read once, when its context is first built: a
// renewed certificate is read at the engine's next start). Thread-safe.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "domain/error.hpp"

namespace nyxmon::infra::probes {

// A certificate (PEM chain) and its private key (PEM) a client presents
// for mutual TLS; empty: none. An empty key means the certificate's file
// holds the key too.
struct ClientIdentity {
  std::string certificate;
  std::string key;
  auto operator<=>(const ClientIdentity&) const = default;
};

class TlsContexts {
 public:
  // A client context that verifies peers against the system trust store
  // plus `ca_file` (when not empty), or verifies nothing when `verify` is
  // false, and presents `identity` when given. Fails when `ca_file` or the
  // identity's files cannot be read or do not match.
  domain::Result<std::shared_ptr<boost::asio::ssl::context>> client(
      bool verify, const std::string& ca_file, const ClientIdentity& identity = {});

 private:
  std::mutex mutex_;
  std::map<std::tuple<bool, std::string, ClientIdentity>,
           std::shared_ptr<boost::asio::ssl::context>>
      contexts_;
};

}  // namespace nyxmon::infra::probes
