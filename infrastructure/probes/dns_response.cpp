#include "infrastructure/probes/dns_response.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>

#include <climits>

namespace nyxmon::infra::probes {

namespace {

std::string rcode_name(int rcode) {
  switch (rcode) {
    case 0:
      return "NOERROR";
    case 1:
      return "FORMERR";
    case 2:
      return "SERVFAIL";
    case 3:
      return "NXDOMAIN";
    case 4:
      return "NOTIMP";
    case 5:
      return "REFUSED";
    default:
      return "RCODE" + std::to_string(rcode);
  }
}

// Parses the answers of `type` out of a response; false if it does not parse.
bool parse_answers(DnsRecordType type, const unsigned char* response, int length,
                   std::vector<std::string>& answers) {
  char text[INET6_ADDRSTRLEN];
  switch (type) {
    case DnsRecordType::kA: {
      ares_addrttl records[32];
      int count = 32;
      const int status = ares_parse_a_reply(response, length, nullptr, records, &count);
      if (status == ARES_ENODATA) return true;
      if (status != ARES_SUCCESS) return false;
      for (int i = 0; i < count; ++i) {
        answers.emplace_back(inet_ntop(AF_INET, &records[i].ipaddr, text, sizeof text));
      }
      return true;
    }
    case DnsRecordType::kAaaa: {
      ares_addr6ttl records[32];
      int count = 32;
      const int status = ares_parse_aaaa_reply(response, length, nullptr, records, &count);
      if (status == ARES_ENODATA) return true;
      if (status != ARES_SUCCESS) return false;
      for (int i = 0; i < count; ++i) {
        answers.emplace_back(inet_ntop(AF_INET6, &records[i].ip6addr, text, sizeof text));
      }
      return true;
    }
    case DnsRecordType::kCname: {
      hostent* host = nullptr;
      const int status = ares_parse_a_reply(response, length, &host, nullptr, nullptr);
      if (status == ARES_ENODATA) return true;
      if (status != ARES_SUCCESS || host == nullptr) return false;
      // The CNAME chain ends in h_name; a bare CNAME answer names its target there.
      if (host->h_aliases != nullptr && host->h_aliases[0] != nullptr)
        answers.emplace_back(host->h_name);
      ares_free_hostent(host);
      return true;
    }
    case DnsRecordType::kMx: {
      ares_mx_reply* records = nullptr;
      const int status = ares_parse_mx_reply(response, length, &records);
      if (status == ARES_ENODATA) return true;
      if (status != ARES_SUCCESS) return false;
      for (auto* r = records; r != nullptr; r = r->next) {
        answers.push_back(std::to_string(r->priority) + " " + r->host);
      }
      ares_free_data(records);
      return true;
    }
    case DnsRecordType::kTxt: {
      ares_txt_ext* records = nullptr;
      const int status = ares_parse_txt_reply_ext(response, length, &records);
      if (status == ARES_ENODATA) return true;
      if (status != ARES_SUCCESS) return false;
      for (auto* r = records; r != nullptr; r = r->next) {
        const std::string piece(reinterpret_cast<const char*>(r->txt), r->length);
        if (r->record_start || answers.empty())
          answers.push_back(piece);
        else
          answers.back() += piece;
      }
      ares_free_data(records);
      return true;
    }
    case DnsRecordType::kNs: {
      hostent* host = nullptr;
      const int status = ares_parse_ns_reply(response, length, &host);
      if (status == ARES_ENODATA) return true;
      if (status != ARES_SUCCESS || host == nullptr) return false;
      for (char** alias = host->h_aliases; alias != nullptr && *alias != nullptr; ++alias) {
        answers.emplace_back(*alias);
      }
      ares_free_hostent(host);
      return true;
    }
    case DnsRecordType::kSoa: {
      ares_soa_reply* soa = nullptr;
      const int status = ares_parse_soa_reply(response, length, &soa);
      if (status == ARES_ENODATA) return true;
      if (status != ARES_SUCCESS || soa == nullptr) return false;
      answers.push_back(std::string(soa->nsname) + " " + soa->hostmaster + " " +
                        std::to_string(soa->serial));
      ares_free_data(soa);
      return true;
    }
  }
  return false;
}

}  // namespace

DnsResponse read_dns_response(DnsRecordType type, std::span<const unsigned char> bytes) {
  DnsResponse response;
  if (bytes.size() < 12 || bytes.size() > static_cast<std::size_t>(INT_MAX)) return response;
  response.rcode = rcode_name(bytes[3] & 0x0f);
  if (response.rcode == "NOERROR" &&
      !parse_answers(type, bytes.data(), static_cast<int>(bytes.size()), response.answers)) {
    response.answers.clear();
    response.malformed = true;
  }
  return response;
}

}  // namespace nyxmon::infra::probes
