#include "tests/support/servers/dns_wire.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace nyxmon::testing::dns_wire {
namespace {

constexpr std::size_t kHeaderBytes = 12;
constexpr std::uint16_t kQuestionNamePointer = 0xC000 | kHeaderBytes;
constexpr std::uint16_t kClassIn = 1;

constexpr std::uint16_t kFlagResponse = 0x8000;
constexpr std::uint16_t kOpcodeMask = 0x7800;
constexpr std::uint16_t kFlagAuthoritative = 0x0400;
constexpr std::uint16_t kFlagTruncated = 0x0200;
constexpr std::uint16_t kFlagRecursionDesired = 0x0100;
constexpr std::uint16_t kFlagRecursionAvailable = 0x0080;

void put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, static_cast<std::uint16_t>(value >> 16));
  put16(out, static_cast<std::uint16_t>(value & 0xFFFF));
}

std::uint16_t get16(std::string_view packet, std::size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(packet[at]) << 8) |
                                    static_cast<unsigned char>(packet[at + 1]));
}

void put_header(std::string& out, std::uint16_t id, std::uint16_t flags, std::uint16_t questions,
                std::uint16_t answers, std::uint16_t authority) {
  put16(out, id);
  put16(out, flags);
  put16(out, questions);
  put16(out, answers);
  put16(out, authority);
  put16(out, 0);  // additional
}

void put_record(std::string& out, const Query& query, const DnsRecord& record) {
  if (record.owner.empty() || normalise_name(record.owner) == query.name) {
    put16(out, kQuestionNamePointer);
  } else {
    out += encode_name(record.owner);
  }
  put16(out, static_cast<std::uint16_t>(record.type));
  put16(out, kClassIn);
  put32(out, static_cast<std::uint32_t>(record.ttl.count()));
  put16(out, static_cast<std::uint16_t>(record.rdata.size()));
  out += record.rdata;
}

}  // namespace

std::string encode_name(std::string_view name) {
  std::string out;
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  while (!name.empty()) {
    std::size_t dot = name.find('.');
    std::string_view label = name.substr(0, dot);
    if (label.empty() || label.size() > 63)
      throw std::invalid_argument("DNS name label '" + std::string(label) +
                                  "' must be 1 to 63 bytes long");
    out.push_back(static_cast<char>(label.size()));
    out += label;
    name = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  }
  out.push_back('\0');
  if (out.size() > 255) throw std::invalid_argument("DNS name longer than 255 bytes");
  return out;
}

std::string normalise_name(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string lower(name);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::optional<Query> parse_query(std::string_view packet) {
  if (packet.size() < kHeaderBytes) return std::nullopt;
  Query query;
  query.id = get16(packet, 0);
  query.flags = get16(packet, 2);
  if ((query.flags & kFlagResponse) != 0 || get16(packet, 4) == 0) return std::nullopt;

  // Labels only: a query's single question has nothing to point back to.
  std::size_t at = kHeaderBytes;
  for (;;) {
    if (at >= packet.size()) return std::nullopt;
    auto length = static_cast<unsigned char>(packet[at]);
    if (length == 0) break;
    if (length > 63 || at + 1 + length > packet.size()) return std::nullopt;
    if (!query.name.empty()) query.name.push_back('.');
    query.name.append(packet.substr(at + 1, length));
    at += 1 + length;
  }
  at += 1;
  if (at + 4 > packet.size()) return std::nullopt;
  query.type = get16(packet, at);
  query.question = std::string(packet.substr(kHeaderBytes, at + 4 - kHeaderBytes));
  query.name = normalise_name(query.name);
  return query;
}

std::string encode_response(const Query& query, const DnsAnswer& answer) {
  if (answer.fault == DnsFault::garbage) return "\xde\xad\xbe\xef not a DNS message";

  bool truncated = answer.fault == DnsFault::truncation_flag;
  std::uint16_t flags = kFlagResponse | (query.flags & kOpcodeMask) |
                        (query.flags & kFlagRecursionDesired) | kFlagRecursionAvailable |
                        static_cast<std::uint16_t>(answer.rcode);
  if (answer.authoritative) flags |= kFlagAuthoritative;
  if (truncated) flags |= kFlagTruncated;
  std::uint16_t id = query.id;
  if (answer.fault == DnsFault::wrong_transaction_id) id ^= 0x5A5A;

  std::size_t answers = truncated ? 0 : answer.answers.size();
  std::size_t authority = truncated ? 0 : answer.authority.size();
  std::string out;
  put_header(out, id, flags, 1, static_cast<std::uint16_t>(answers),
             static_cast<std::uint16_t>(authority));
  out += query.question;
  for (std::size_t i = 0; i < answers; ++i)
    put_record(out, query, answer.answers[i]);
  for (std::size_t i = 0; i < authority; ++i)
    put_record(out, query, answer.authority[i]);

  if (answer.fault == DnsFault::cut_short) out.resize(out.size() / 2);
  return out;
}

std::string encode_header_only(std::uint16_t id, DnsRcode rcode) {
  std::string out;
  put_header(out, id, kFlagResponse | static_cast<std::uint16_t>(rcode), 0, 0, 0);
  return out;
}

}  // namespace nyxmon::testing::dns_wire
