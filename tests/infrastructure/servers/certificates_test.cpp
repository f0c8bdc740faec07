// Certificates made at test time verify (or fail to) the way OpenSSL's own
// verifier would judge real ones.
#include "tests/support/servers/certificates.hpp"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace nyxmon::testing {
namespace {

using namespace std::chrono_literals;

struct X509Free {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
using CertificatePtr = std::unique_ptr<X509, X509Free>;

std::vector<CertificatePtr> parse_all(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  std::vector<CertificatePtr> certificates;
  while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
    certificates.emplace_back(certificate);
  return certificates;
}

// OpenSSL's verdict on `leaf` (with the chain it carries) against `trusted`.
int verify(const TestCertificate& leaf, const std::string& trusted_pem) {
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
  std::vector<CertificatePtr> anchors = parse_all(trusted_pem);
  for (const CertificatePtr& anchor : anchors)
    X509_STORE_add_cert(store.get(), anchor.get());
  std::vector<CertificatePtr> presented = parse_all(leaf.full_chain_pem());
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  for (std::size_t i = 1; i < presented.size(); ++i)
    sk_X509_push(untrusted, presented[i].get());
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(),
                                                                          &X509_STORE_CTX_free);
  X509_STORE_CTX_init(context.get(), store.get(), presented.front().get(), untrusted);
  X509_verify_cert(context.get());
  int verdict = X509_STORE_CTX_get_error(context.get());
  sk_X509_free(untrusted);
  return verdict;
}

TEST(TestCertificates, LeafIssuedByTheAuthorityVerifiesAndCarriesItsSubjectAltNames) {
  TestCertificateAuthority authority;
  TestCertificate leaf = authority.issue(
      {.dns_names = {"probe.test", "*.probe.test"}, .ip_addresses = {"127.0.0.1", "::1"}});

  EXPECT_EQ(verify(leaf, authority.certificate_pem()), X509_V_OK);
  CertificatePtr certificate = std::move(parse_all(leaf.certificate_pem).front());
  EXPECT_EQ(X509_check_host(certificate.get(), "probe.test", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(certificate.get(), "api.probe.test", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(certificate.get(), "other.test", 0, 0, nullptr), 0);
  EXPECT_EQ(X509_check_ip_asc(certificate.get(), "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(certificate.get(), "::1", 0), 1);
}

TEST(TestCertificates, ValidityIsRelativeToNow) {
  TestCertificateAuthority authority;
  TestCertificate leaf = authority.issue({.not_after = std::chrono::days(3)});

  CertificatePtr certificate = std::move(parse_all(leaf.certificate_pem).front());
  int days = 0;
  int seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(certificate.get())), 1);
  long left = days * 86'400L + seconds;
  EXPECT_LE(left, 3 * 86'400L);
  EXPECT_GT(left, 3 * 86'400L - 60);
}

TEST(TestCertificates, ExpiredLeafFailsVerificationAsExpired) {
  TestCertificateAuthority authority;
  TestCertificate leaf =
      authority.issue({.not_before = -std::chrono::days(30), .not_after = -std::chrono::days(1)});

  EXPECT_EQ(verify(leaf, authority.certificate_pem()), X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST(TestCertificates, SelfSignedLeafIsRejectedAsSelfSigned) {
  TestCertificateAuthority unrelated;
  TestCertificate leaf = self_signed_certificate();

  EXPECT_TRUE(leaf.chain_pem.empty());
  EXPECT_EQ(verify(leaf, unrelated.certificate_pem()), X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
}

TEST(TestCertificates, LeafOfAnIntermediateVerifiesThroughItsChain) {
  TestCertificateAuthority root;
  TestCertificate leaf = root.intermediate("nyxmon test intermediate").issue();

  EXPECT_EQ(parse_all(leaf.chain_pem).size(), 2u);
  EXPECT_EQ(verify(leaf, root.certificate_pem()), X509_V_OK);
}

TEST(TestCertificates, AuthorityCertificateIsWrittenAsACaFile) {
  TempDir directory;
  TestCertificateAuthority authority;

  authority.write_certificate(directory / "ca.pem");

  std::ifstream file(directory / "ca.pem");
  std::stringstream contents;
  contents << file.rdbuf();
  EXPECT_EQ(contents.str(), authority.certificate_pem());
  EXPECT_TRUE(contents.str().starts_with("-----BEGIN CERTIFICATE-----"));
}

}  // namespace
}  // namespace nyxmon::testing
