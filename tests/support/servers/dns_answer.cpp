#include "tests/support/servers/dns_answer.hpp"

#include <arpa/inet.h>

#include <stdexcept>
#include <utility>

#include "tests/support/servers/dns_wire.hpp"

namespace nyxmon::testing {
namespace {

void put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, static_cast<std::uint16_t>(value >> 16));
  put16(out, static_cast<std::uint16_t>(value & 0xFFFF));
}

std::string address_bytes(int family, std::string_view text, std::size_t size) {
  std::string address(size, '\0');
  if (inet_pton(family, std::string(text).c_str(), address.data()) != 1)
    throw std::invalid_argument("'" + std::string(text) + "' is not an IPv" +
                                (family == AF_INET ? "4" : "6") + " address");
  return address;
}

DnsRecord make(DnsType type, std::chrono::seconds ttl, std::string rdata) {
  return {.type = type, .ttl = ttl, .rdata = std::move(rdata)};
}

}  // namespace

DnsRecord DnsRecord::a(std::string_view ipv4, std::chrono::seconds ttl) {
  return make(DnsType::a, ttl, address_bytes(AF_INET, ipv4, 4));
}

DnsRecord DnsRecord::aaaa(std::string_view ipv6, std::chrono::seconds ttl) {
  return make(DnsType::aaaa, ttl, address_bytes(AF_INET6, ipv6, 16));
}

DnsRecord DnsRecord::cname(std::string_view target, std::chrono::seconds ttl) {
  return make(DnsType::cname, ttl, dns_wire::encode_name(target));
}

DnsRecord DnsRecord::ns(std::string_view host, std::chrono::seconds ttl) {
  return make(DnsType::ns, ttl, dns_wire::encode_name(host));
}

DnsRecord DnsRecord::mx(std::uint16_t preference, std::string_view exchange,
                        std::chrono::seconds ttl) {
  std::string rdata;
  put16(rdata, preference);
  rdata += dns_wire::encode_name(exchange);
  return make(DnsType::mx, ttl, std::move(rdata));
}

DnsRecord DnsRecord::txt(const std::vector<std::string>& strings, std::chrono::seconds ttl) {
  std::string rdata;
  for (const std::string& text : strings) {
    if (text.size() > 255)
      throw std::invalid_argument("a TXT character-string holds at most 255 bytes");
    rdata.push_back(static_cast<char>(text.size()));
    rdata += text;
  }
  return make(DnsType::txt, ttl, std::move(rdata));
}

DnsRecord DnsRecord::soa(std::string_view primary_server, std::string_view responsible_mailbox,
                         std::uint32_t serial, std::chrono::seconds refresh,
                         std::chrono::seconds retry, std::chrono::seconds expire,
                         std::chrono::seconds minimum_ttl, std::chrono::seconds ttl) {
  std::string rdata = dns_wire::encode_name(primary_server);
  rdata += dns_wire::encode_name(responsible_mailbox);
  put32(rdata, serial);
  for (std::chrono::seconds interval : {refresh, retry, expire, minimum_ttl})
    put32(rdata, static_cast<std::uint32_t>(interval.count()));
  return make(DnsType::soa, ttl, std::move(rdata));
}

DnsRecord DnsRecord::owned_by(std::string name) const {
  DnsRecord copy = *this;
  copy.owner = std::move(name);
  return copy;
}

DnsAnswer DnsAnswer::records(std::vector<DnsRecord> answers) {
  return {.answers = std::move(answers)};
}

DnsAnswer DnsAnswer::nxdomain() {
  return {.rcode = DnsRcode::name_error};
}
DnsAnswer DnsAnswer::servfail() {
  return {.rcode = DnsRcode::server_failure};
}
DnsAnswer DnsAnswer::refused() {
  return {.rcode = DnsRcode::refused};
}
DnsAnswer DnsAnswer::silence() {
  return {.fault = DnsFault::silence};
}
DnsAnswer DnsAnswer::garbage() {
  return {.fault = DnsFault::garbage};
}

DnsAnswer DnsAnswer::with(DnsFault new_fault) const {
  DnsAnswer copy = *this;
  copy.fault = new_fault;
  return copy;
}

DnsAnswer DnsAnswer::after(std::chrono::milliseconds new_delay) const {
  DnsAnswer copy = *this;
  copy.delay = new_delay;
  return copy;
}

DnsAnswer DnsAnswer::with_authority(DnsRecord record) const {
  DnsAnswer copy = *this;
  copy.authority.push_back(std::move(record));
  return copy;
}

}  // namespace nyxmon::testing
