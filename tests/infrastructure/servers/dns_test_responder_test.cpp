// The DNS test responder answers real UDP queries, built by the C library's
// resolver and read back with its name decoder, the way it was scripted.
#include "tests/support/servers/dns_test_responder.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <poll.h>
#include <resolv.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace nyxmon::testing {
namespace {

using namespace std::chrono_literals;

std::string query_for(const std::string& name, DnsType type) {
  unsigned char packet[512];
  int size = res_mkquery(ns_o_query, name.c_str(), ns_c_in, static_cast<int>(type), nullptr, 0,
                         nullptr, packet, sizeof packet);
  if (size < 0) throw std::runtime_error("res_mkquery failed for " + name);
  return std::string(reinterpret_cast<const char*>(packet), static_cast<std::size_t>(size));
}

// Sends `query` and waits up to `timeout` for one datagram back.
std::optional<std::string> ask(std::uint16_t port, const std::string& query,
                               std::chrono::milliseconds timeout = 1000ms) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  server.sin_port = htons(port);
  ::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server);
  ::send(fd, query.data(), query.size(), 0);
  pollfd readable{.fd = fd, .events = POLLIN, .revents = 0};
  std::optional<std::string> reply;
  if (::poll(&readable, 1, static_cast<int>(timeout.count())) == 1) {
    std::string bytes(65536, '\0');
    ssize_t size = ::recv(fd, bytes.data(), bytes.size(), 0);
    if (size >= 0) reply = bytes.substr(0, static_cast<std::size_t>(size));
  }
  ::close(fd);
  return reply;
}

struct Record {
  std::string owner;
  std::uint16_t type;
  std::uint32_t ttl;
  std::string rdata;
};

struct Reply {
  std::uint16_t id;
  std::uint16_t flags;
  int rcode;
  std::vector<Record> answers;
};

std::uint16_t get16(const std::string& bytes, std::size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(bytes.at(at)) << 8) |
                                    static_cast<unsigned char>(bytes.at(at + 1)));
}

// A domain name at `at` (compressed or not), advancing `at` past it.
std::string read_name(const std::string& bytes, std::size_t& at) {
  char name[NS_MAXDNAME];
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  int consumed = ns_name_uncompress(begin, begin + bytes.size(), begin + at, name, sizeof name);
  if (consumed < 0) throw std::runtime_error("malformed name in reply");
  at += static_cast<std::size_t>(consumed);
  return name;
}

// Reads the header, skips the question, and reads the answer section.
Reply parse(const std::string& bytes) {
  Reply reply{.id = get16(bytes, 0),
              .flags = get16(bytes, 2),
              .rcode = get16(bytes, 2) & 0xF,
              .answers = {}};
  std::size_t at = 12;
  for (int i = 0; i < get16(bytes, 4); ++i) {
    read_name(bytes, at);
    at += 4;
  }
  for (int i = 0; i < get16(bytes, 6); ++i) {
    Record record;
    record.owner = read_name(bytes, at);
    record.type = get16(bytes, at);
    record.ttl = (std::uint32_t{get16(bytes, at + 4)} << 16) | get16(bytes, at + 6);
    std::uint16_t length = get16(bytes, at + 8);
    at += 10;
    if (at + length > bytes.size()) throw std::runtime_error("record data past the end");
    record.rdata = bytes.substr(at, length);
    at += length;
    reply.answers.push_back(record);
  }
  return reply;
}

TEST(DnsTestResponder, AnswersAScriptedARecord) {
  DnsTestResponder dns;
  dns.answer("web.test", DnsType::a, DnsAnswer::records({DnsRecord::a("192.0.2.10", 60s)}));
  std::string query = query_for("Web.Test", DnsType::a);

  std::optional<std::string> reply = ask(dns.port(), query);

  ASSERT_TRUE(reply.has_value());
  Reply parsed = parse(*reply);
  EXPECT_EQ(parsed.id, get16(query, 0));
  EXPECT_EQ(parsed.rcode, ns_r_noerror);
  EXPECT_NE(parsed.flags & 0x0400, 0) << "authoritative";
  ASSERT_EQ(parsed.answers.size(), 1u);
  EXPECT_EQ(parsed.answers[0].owner, "Web.Test");  // the question's own spelling, by pointer
  EXPECT_EQ(parsed.answers[0].type, ns_t_a);
  EXPECT_EQ(parsed.answers[0].ttl, 60u);
  EXPECT_EQ(parsed.answers[0].rdata, std::string("\xc0\x00\x02\x0a", 4));
  EXPECT_EQ(dns.query_count("web.test.", DnsType::a), 1u);
}

TEST(DnsTestResponder, FollowsACnameChainInOneAnswer) {
  DnsTestResponder dns;
  dns.answer("alias.test", DnsType::a,
             DnsAnswer::records({DnsRecord::cname("real.test"),
                                 DnsRecord::a("192.0.2.11").owned_by("real.test")}));

  Reply parsed = parse(*ask(dns.port(), query_for("alias.test", DnsType::a)));

  ASSERT_EQ(parsed.answers.size(), 2u);
  EXPECT_EQ(parsed.answers[0].type, ns_t_cname);
  EXPECT_EQ(parsed.answers[1].owner, "real.test");
  EXPECT_EQ(parsed.answers[1].type, ns_t_a);
}

TEST(DnsTestResponder, AnswersNxdomainForEveryTypeOfAMissingName) {
  DnsTestResponder dns;
  dns.answer("gone.test", DnsAnswer::nxdomain());

  Reply a = parse(*ask(dns.port(), query_for("gone.test", DnsType::a)));
  Reply aaaa = parse(*ask(dns.port(), query_for("gone.test", DnsType::aaaa)));

  EXPECT_EQ(a.rcode, ns_r_nxdomain);
  EXPECT_TRUE(a.answers.empty());
  EXPECT_EQ(aaaa.rcode, ns_r_nxdomain);
}

TEST(DnsTestResponder, RefusesWhatWasNotScripted) {
  DnsTestResponder dns;
  EXPECT_EQ(parse(*ask(dns.port(), query_for("unknown.test", DnsType::mx))).rcode, ns_r_refused);
}

TEST(DnsTestResponder, SilenceMakesTheClientTimeOutButIsCounted) {
  DnsTestResponder dns;
  dns.answer("slow.test", DnsType::a, DnsAnswer::silence());

  EXPECT_FALSE(ask(dns.port(), query_for("slow.test", DnsType::a), 150ms).has_value());
  EXPECT_EQ(dns.query_count(), 1u);
}

TEST(DnsTestResponder, CanAnswerWithAnotherTransactionId) {
  DnsTestResponder dns;
  dns.answer("spoof.test", DnsType::a,
             DnsAnswer::records({DnsRecord::a("192.0.2.66")}).with(DnsFault::wrong_transaction_id));
  std::string query = query_for("spoof.test", DnsType::a);

  EXPECT_NE(parse(*ask(dns.port(), query)).id, get16(query, 0));
}

TEST(DnsTestResponder, CutShortReplyCannotBeRead) {
  DnsTestResponder dns;
  dns.answer("cut.test", DnsType::txt,
             DnsAnswer::records({DnsRecord::txt({"v=spf1 -all"})}).with(DnsFault::cut_short));

  std::optional<std::string> reply = ask(dns.port(), query_for("cut.test", DnsType::txt));

  ASSERT_TRUE(reply.has_value());
  EXPECT_ANY_THROW(parse(*reply));
}

}  // namespace
}  // namespace nyxmon::testing
