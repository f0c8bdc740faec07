// tls_peer.hpp — tells an OpenSSL client connection which peer it expects:
// the SNI name it sends, and the name or IP address the certificate must
// carry when peers are verified. A mismatch then fails verification with
// OpenSSL's own "hostname mismatch" / "IP address mismatch" result.
#pragma once

#include <openssl/ssl.h>

#include <string>

namespace nyxmon::infra::probes {

void expect_peer(SSL* connection, const std::string& server_name, bool verify);

}  // namespace nyxmon::infra::probes
