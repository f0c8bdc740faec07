// tls_contexts.hpp — the OpenSSL client contexts probes share.
//
// Building a context loads the system's trust store, which costs
// milliseconds; probes instead borrow one of a few shared contexts, keyed by
// whether peers are verified and by an extra CA file. Thread-safe.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "domain/error.hpp"

namespace nyxmon::infra::probes {

class TlsContexts {
 public:
  // A client context that verifies peers against the system trust store
  // plus `ca_file` (when not empty), or verifies nothing when `verify` is
  // false. Fails when `ca_file` cannot be read.
  domain::Result<std::shared_ptr<boost::asio::ssl::context>> client(bool verify,
                                                                    const std::string& ca_file);

 private:
  std::mutex mutex_;
  std::map<std::pair<bool, std::string>, std::shared_ptr<boost::asio::ssl::context>> contexts_;
};

}  // namespace nyxmon::infra::probes
