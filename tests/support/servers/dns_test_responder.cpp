#include "tests/support/servers/dns_test_responder.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <utility>

#include "infrastructure/asio/contain_failure.hpp"
#include "tests/support/servers/dns_wire.hpp"
#include "tests/support/servers/io_thread.hpp"

namespace nyxmon::testing {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::udp;

namespace {

// The key of an every-type script (no real type is 0).
constexpr std::uint16_t kEveryType = 0;

using ScriptKey = std::pair<std::string, std::uint16_t>;

}  // namespace

struct DnsTestResponder::Impl {
  // Shared with the tests; declared before `io` so that it outlives the
  // coroutines (see io_thread.hpp).
  mutable std::mutex mutex;
  std::map<ScriptKey, DnsAnswer> scripts;
  std::map<ScriptKey, std::size_t> counts;
  DnsAnswer fallback = DnsAnswer::refused();
  std::optional<DnsQuestion> last_question;
  std::atomic<std::size_t> datagrams{0};

  IoThread io;
  udp::socket socket{io.context()};
  std::uint16_t port = 0;

  Impl() {
    socket.open(udp::v4());
    socket.bind(udp::endpoint(asio::ip::address_v4::loopback(), 0));
    port = socket.local_endpoint().port();
    asio::co_spawn(io.context(), receive_queries(),
                   infra::contain_failure("the DNS test responder"));
    io.start();
  }

  ~Impl() { io.stop(); }

  awaitable<void> receive_queries() {
    std::array<char, 65536> packet;
    udp::endpoint client;
    for (;;) {
      auto [error, size] = co_await socket.async_receive_from(asio::buffer(packet), client,
                                                              asio::as_tuple(use_awaitable));
      if (error == asio::error::operation_aborted) co_return;
      if (error) continue;
      datagrams.fetch_add(1);
      std::string_view datagram(packet.data(), size);
      std::optional<dns_wire::Query> query = dns_wire::parse_query(datagram);
      if (!query) {
        if (size >= 2) {
          auto id = static_cast<std::uint16_t>((static_cast<unsigned char>(packet[0]) << 8) |
                                               static_cast<unsigned char>(packet[1]));
          if (size >= 12) reply(client, dns_wire::encode_header_only(id, DnsRcode::format_error));
        }
        continue;
      }
      DnsAnswer answer = answer_for(*query);
      if (answer.fault == DnsFault::silence) continue;
      std::string response = dns_wire::encode_response(*query, answer);
      if (answer.delay.count() > 0) {
        asio::co_spawn(socket.get_executor(),
                       reply_later(client, std::move(response), answer.delay),
                       infra::contain_failure("a DNS test reply"));
      } else {
        reply(client, response);
      }
    }
  }

  awaitable<void> reply_later(udp::endpoint client, std::string response,
                              std::chrono::milliseconds delay) {
    asio::steady_timer timer(socket.get_executor(), delay);
    co_await timer.async_wait(use_awaitable);
    reply(client, response);
  }

  // UDP on loopback does not block; a lost reply is what UDP allows anyway.
  void reply(const udp::endpoint& client, const std::string& response) {
    boost::system::error_code ignored;
    socket.send_to(asio::buffer(response), client, 0, ignored);
  }

  // Records the question and picks its answer.
  DnsAnswer answer_for(const dns_wire::Query& query) {
    std::lock_guard lock(mutex);
    ++counts[{query.name, query.type}];
    last_question = DnsQuestion{.name = query.name,
                                .type = query.type,
                                .transaction_id = query.id,
                                .recursion_desired = (query.flags & 0x0100) != 0};
    if (auto found = scripts.find({query.name, query.type}); found != scripts.end())
      return found->second;
    if (auto found = scripts.find({query.name, kEveryType}); found != scripts.end())
      return found->second;
    return fallback;
  }
};

DnsTestResponder::DnsTestResponder() : impl_(std::make_unique<Impl>()) {}

DnsTestResponder::~DnsTestResponder() = default;

std::uint16_t DnsTestResponder::port() const {
  return impl_->port;
}

void DnsTestResponder::answer(std::string_view name, DnsType type, DnsAnswer answer) {
  std::lock_guard lock(impl_->mutex);
  impl_->scripts.insert_or_assign(
      ScriptKey{dns_wire::normalise_name(name), static_cast<std::uint16_t>(type)},
      std::move(answer));
}

void DnsTestResponder::answer(std::string_view name, DnsAnswer answer) {
  std::lock_guard lock(impl_->mutex);
  impl_->scripts.insert_or_assign(ScriptKey{dns_wire::normalise_name(name), kEveryType},
                                  std::move(answer));
}

void DnsTestResponder::set_fallback(DnsAnswer answer) {
  std::lock_guard lock(impl_->mutex);
  impl_->fallback = std::move(answer);
}

std::size_t DnsTestResponder::query_count() const {
  return impl_->datagrams.load();
}

std::size_t DnsTestResponder::query_count(std::string_view name, DnsType type) const {
  std::lock_guard lock(impl_->mutex);
  auto found = impl_->counts.find(
      ScriptKey{dns_wire::normalise_name(name), static_cast<std::uint16_t>(type)});
  return found == impl_->counts.end() ? 0 : found->second;
}

std::optional<DnsQuestion> DnsTestResponder::last_question() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->last_question;
}

}  // namespace nyxmon::testing
