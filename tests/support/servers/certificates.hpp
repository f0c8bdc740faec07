// certificates.hpp — X.509 certificates made at test time, for the TLS test
// servers and for the probes that check them.
//
// Every key is a fresh EC P-256 key (fast to generate); every certificate is
// signed with SHA-256 and carries a random serial. Validity is given relative
// to now, so "expires in 3 days" and "expired yesterday" stay true whenever
// the test runs. Nothing is written to disk unless asked.
//
// Typical use:
//   TestCertificateAuthority ca;
//   TestCertificate leaf = ca.issue({.dns_names = {"localhost"},
//                                    .ip_addresses = {"127.0.0.1"},
//                                    .not_after = days(3)});
//   ca.write_certificate(dir / "ca.pem");   // the probe trusts this file
//   HttpTestServer server(leaf);
//
// Thread-safety: a TestCertificateAuthority may be used from several threads
// once constructed (issue() only reads it). Errors from OpenSSL are bugs in
// the test and throw std::runtime_error.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace nyxmon::testing {

// A certificate with its private key, ready to serve.
struct TestCertificate {
  std::string certificate_pem;  // the leaf (or CA) certificate
  std::string private_key_pem;  // its private key, PKCS#8, unencrypted
  // The issuing certificates, nearest first, up to and including the root;
  // empty for a self-signed certificate. Servers send it after the leaf.
  std::string chain_pem;

  // The leaf followed by the chain: what a server presents.
  std::string full_chain_pem() const { return certificate_pem + chain_pem; }
};

// What to put in a certificate. Times are relative to the moment of issue.
struct CertificateOptions {
  std::string common_name = "localhost";
  std::vector<std::string> dns_names = {"localhost"};     // subjectAltName DNS entries
  std::vector<std::string> ip_addresses = {"127.0.0.1"};  // subjectAltName IP entries (v4 or v6)
  std::chrono::seconds not_before = -std::chrono::hours(1);
  std::chrono::seconds not_after = std::chrono::days(90);
};

// A certificate authority that lives for the test: a self-signed root, or an
// intermediate made with intermediate().
class TestCertificateAuthority {
 public:
  explicit TestCertificateAuthority(std::string common_name = "nyxmon test CA");
  ~TestCertificateAuthority();
  TestCertificateAuthority(TestCertificateAuthority&&) noexcept;
  TestCertificateAuthority& operator=(TestCertificateAuthority&&) noexcept;

  // A server certificate signed by this authority (extended key usage
  // serverAuth); its chain_pem is this authority's chain.
  TestCertificate issue(const CertificateOptions& options = {}) const;

  // A subordinate authority signed by this one. Certificates it issues carry
  // [intermediate, ..., root] as their chain.
  TestCertificateAuthority intermediate(std::string common_name) const;

  // This authority's own certificate (PEM), e.g. to pass as a trust anchor.
  const std::string& certificate_pem() const;

  // Writes certificate_pem() to `path` (a CA file a probe can trust).
  // Throws std::runtime_error if the file cannot be written.
  void write_certificate(const std::filesystem::path& path) const;

 private:
  struct Impl;
  explicit TestCertificateAuthority(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A self-signed server certificate: no authority will vouch for it.
TestCertificate self_signed_certificate(const CertificateOptions& options = {});

// Writes `pem` to `path`; throws std::runtime_error on failure.
void write_pem_file(const std::filesystem::path& path, const std::string& pem);

}  // namespace nyxmon::testing
