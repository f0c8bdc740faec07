#include "infrastructure/probes/tls_peer.hpp"

#include <arpa/inet.h>
#include <openssl/x509v3.h>

namespace nyxmon::infra::probes {

void expect_peer(SSL* connection, const std::string& server_name, bool verify) {
  unsigned char address[16];
  const bool is_address = inet_pton(AF_INET, server_name.c_str(), address) == 1 ||
                          inet_pton(AF_INET6, server_name.c_str(), address) == 1;
  // SNI carries host names only (RFC 6066, section 3).
  if (!is_address) SSL_set_tlsext_host_name(connection, server_name.c_str());
  if (!verify) return;
  X509_VERIFY_PARAM* parameters = SSL_get0_param(connection);
  if (is_address) {
    X509_VERIFY_PARAM_set1_ip_asc(parameters, server_name.c_str());
  } else {
    X509_VERIFY_PARAM_set_hostflags(parameters, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    X509_VERIFY_PARAM_set1_host(parameters, server_name.c_str(), server_name.size());
  }
}

}  // namespace nyxmon::infra::probes
