#include "tests/support/servers/certificates.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <stdexcept>
#include <utility>

namespace nyxmon::testing {
namespace {

struct OpenSslFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
  void operator()(X509* certificate) const { X509_free(certificate); }
  void operator()(X509_EXTENSION* extension) const { X509_EXTENSION_free(extension); }
  void operator()(GENERAL_NAMES* names) const { GENERAL_NAMES_free(names); }
  void operator()(BIGNUM* number) const { BN_free(number); }
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree>;
using CertificatePtr = std::unique_ptr<X509, OpenSslFree>;

[[noreturn]] void fail(const std::string& what) {
  std::string message = "certificates: " + what;
  while (unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    message += "; ";
    message += text;
  }
  throw std::runtime_error(message);
}

void check(int result, const char* what) {
  if (result <= 0) fail(what);
}

KeyPtr generate_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) fail("EC P-256 key generation failed");
  return key;
}

std::string read_all(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string certificate_to_pem(X509* certificate) {
  std::unique_ptr<BIO, OpenSslFree> bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509(bio.get(), certificate), "PEM_write_bio_X509");
  return read_all(bio.get());
}

std::string key_to_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, OpenSslFree> bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
        "PEM_write_bio_PrivateKey");
  return read_all(bio.get());
}

void add_extension(X509* certificate, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, OpenSslFree> extension(
      X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  if (!extension) fail(std::string("cannot build extension ") + OBJ_nid2sn(nid) + "=" + value);
  check(X509_add_ext(certificate, extension.get(), -1), "X509_add_ext");
}

// subjectAltName built from GENERAL_NAMEs directly, so that a name is never
// parsed as configuration text.
void add_subject_alt_names(X509* certificate, const CertificateOptions& options) {
  if (options.dns_names.empty() && options.ip_addresses.empty()) return;
  std::unique_ptr<GENERAL_NAMES, OpenSslFree> names(sk_GENERAL_NAME_new_null());
  for (const std::string& dns : options.dns_names) {
    GENERAL_NAME* name = GENERAL_NAME_new();
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    check(ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size())), "ASN1_STRING_set");
    GENERAL_NAME_set0_value(name, GEN_DNS, text);
    sk_GENERAL_NAME_push(names.get(), name);
  }
  for (const std::string& ip : options.ip_addresses) {
    ASN1_OCTET_STRING* address = a2i_IPADDRESS(ip.c_str());
    if (address == nullptr) fail("'" + ip + "' is not an IPv4 or IPv6 address");
    GENERAL_NAME* name = GENERAL_NAME_new();
    GENERAL_NAME_set0_value(name, GEN_IPADD, address);
    sk_GENERAL_NAME_push(names.get(), name);
  }
  check(X509_add1_ext_i2d(certificate, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT),
        "X509_add1_ext_i2d(subjectAltName)");
}

enum class Role { authority, server };

// A certificate for `key`, signed by `issuer_key` as `issuer` (or by `key`
// itself when `issuer` is null).
CertificatePtr make_certificate(const CertificateOptions& options, Role role, EVP_PKEY* key,
                                X509* issuer, EVP_PKEY* issuer_key) {
  CertificatePtr certificate(X509_new());
  check(X509_set_version(certificate.get(), X509_VERSION_3), "X509_set_version");

  std::unique_ptr<BIGNUM, OpenSslFree> serial(BN_new());
  check(BN_rand(serial.get(), 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY), "BN_rand");
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())) == nullptr)
    fail("BN_to_ASN1_INTEGER");

  if (X509_gmtime_adj(X509_getm_notBefore(certificate.get()), options.not_before.count()) ==
          nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(certificate.get()), options.not_after.count()) == nullptr)
    fail("X509_gmtime_adj");

  X509_NAME* subject = X509_get_subject_name(certificate.get());
  check(
      X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("nyxmon tests"), -1, -1, 0),
      "X509_NAME_add_entry_by_txt(O)");
  check(X509_NAME_add_entry_by_txt(
            subject, "CN", MBSTRING_ASC,
            reinterpret_cast<const unsigned char*>(options.common_name.c_str()), -1, -1, 0),
        "X509_NAME_add_entry_by_txt(CN)");
  X509* signer = issuer != nullptr ? issuer : certificate.get();
  check(X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer)),
        "X509_set_issuer_name");
  check(X509_set_pubkey(certificate.get(), key), "X509_set_pubkey");

  add_extension(certificate.get(), signer, NID_subject_key_identifier, "hash");
  if (issuer != nullptr)
    add_extension(certificate.get(), signer, NID_authority_key_identifier, "keyid:always");
  if (role == Role::authority) {
    add_extension(certificate.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(certificate.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(certificate.get(), signer, NID_basic_constraints, "CA:FALSE");
    add_extension(certificate.get(), signer, NID_key_usage, "critical,digitalSignature");
    add_extension(certificate.get(), signer, NID_ext_key_usage, "serverAuth");
  }
  add_subject_alt_names(certificate.get(), options);

  if (X509_sign(certificate.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) <= 0)
    fail("X509_sign");
  return certificate;
}

CertificateOptions authority_options(std::string common_name) {
  return {.common_name = std::move(common_name),
          .dns_names = {},
          .ip_addresses = {},
          .not_before = -std::chrono::days(1),
          .not_after = std::chrono::days(3650)};
}

}  // namespace

struct TestCertificateAuthority::Impl {
  KeyPtr key;
  CertificatePtr certificate;
  std::string certificate_pem;
  std::string chain_pem;  // this certificate, then its issuers up to the root
};

TestCertificateAuthority::TestCertificateAuthority(std::string common_name)
    : impl_(std::make_unique<Impl>()) {
  impl_->key = generate_key();
  impl_->certificate = make_certificate(authority_options(std::move(common_name)), Role::authority,
                                        impl_->key.get(), nullptr, nullptr);
  impl_->certificate_pem = certificate_to_pem(impl_->certificate.get());
  impl_->chain_pem = impl_->certificate_pem;
}

TestCertificateAuthority::TestCertificateAuthority(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
TestCertificateAuthority::~TestCertificateAuthority() = default;
TestCertificateAuthority::TestCertificateAuthority(TestCertificateAuthority&&) noexcept = default;
TestCertificateAuthority& TestCertificateAuthority::operator=(TestCertificateAuthority&&) noexcept =
    default;

TestCertificate TestCertificateAuthority::issue(const CertificateOptions& options) const {
  KeyPtr key = generate_key();
  CertificatePtr certificate = make_certificate(options, Role::server, key.get(),
                                                impl_->certificate.get(), impl_->key.get());
  return {.certificate_pem = certificate_to_pem(certificate.get()),
          .private_key_pem = key_to_pem(key.get()),
          .chain_pem = impl_->chain_pem};
}

TestCertificateAuthority TestCertificateAuthority::intermediate(std::string common_name) const {
  auto impl = std::make_unique<Impl>();
  impl->key = generate_key();
  impl->certificate = make_certificate(authority_options(std::move(common_name)), Role::authority,
                                       impl->key.get(), impl_->certificate.get(), impl_->key.get());
  impl->certificate_pem = certificate_to_pem(impl->certificate.get());
  impl->chain_pem = impl->certificate_pem + impl_->chain_pem;
  return TestCertificateAuthority(std::move(impl));
}

const std::string& TestCertificateAuthority::certificate_pem() const {
  return impl_->certificate_pem;
}

void TestCertificateAuthority::write_certificate(const std::filesystem::path& path) const {
  write_pem_file(path, impl_->certificate_pem);
}

TestCertificate self_signed_certificate(const CertificateOptions& options) {
  KeyPtr key = generate_key();
  CertificatePtr certificate = make_certificate(options, Role::server, key.get(), nullptr, nullptr);
  return {.certificate_pem = certificate_to_pem(certificate.get()),
          .private_key_pem = key_to_pem(key.get()),
          .chain_pem = {}};
}

void write_pem_file(const std::filesystem::path& path, const std::string& pem) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << pem;
  file.close();
  if (!file) throw std::runtime_error("certificates: cannot write " + path.string());
}

}  // namespace nyxmon::testing
