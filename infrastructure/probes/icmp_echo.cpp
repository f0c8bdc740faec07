#include "infrastructure/probes/icmp_echo.hpp"

#include <netinet/icmp6.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>
#include <optional>
#include <random>
#include <vector>

#include "infrastructure/probes/deadline_guard.hpp"
#include "infrastructure/probes/failure_reason.hpp"
#include "infrastructure/probes/spawn_probe.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

namespace {

auto with_error(error_code& error) {
  return asio::redirect_error(asio::use_awaitable, error);
}

std::uint16_t internet_checksum(const unsigned char* data, std::size_t size) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < size; i += 2)
    sum += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
  if (size % 2) sum += static_cast<std::uint32_t>(data[size - 1] << 8);
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

struct OpenedSocket {
  int fd = -1;
  bool raw = false;
  std::string failure;
};

OpenedSocket open_icmp_socket(bool v6) {
  const int family = v6 ? AF_INET6 : AF_INET;
  const int protocol = v6 ? static_cast<int>(IPPROTO_ICMPV6) : static_cast<int>(IPPROTO_ICMP);
  OpenedSocket opened;
  opened.fd = ::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
  if (opened.fd >= 0) return opened;
  const int datagram_error = errno;
  opened.fd = ::socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
  if (opened.fd >= 0) {
    opened.raw = true;
    return opened;
  }
  opened.failure = std::string("cannot open an ICMP socket: an unprivileged one was refused (") +
                   std::strerror(datagram_error) +
                   "; allow this group in sysctl net.ipv4.ping_group_range) and a raw one needs "
                   "root or CAP_NET_RAW (" +
                   std::strerror(errno) + ")";
  return opened;
}

class Pinger {
 public:
  explicit Pinger(IcmpEchoRequest request)
      : request_(std::move(request)),
        started_(Clock::now()),
        deadline_(started_ + request_.timeout),
        identifier_(static_cast<std::uint16_t>(std::random_device{}())) {}

  asio::awaitable<IcmpEchoResult> run() {
    auto executor = co_await asio::this_coro::executor;
    error_code error;
    auto address = asio::ip::make_address(request_.host, error);
    if (error) {
      asio::ip::tcp::resolver resolver(executor);
      asio::ip::tcp::resolver::results_type results;
      {
        DeadlineGuard guard(executor, deadline_, [&resolver] { resolver.cancel(); });
        results = co_await resolver.async_resolve(request_.host, "", with_error(error));
      }
      if (error || results.empty()) {
        result_.failure = "cannot resolve " + request_.host + ": " + error.message();
        co_return finish();
      }
      address = results.begin()->endpoint().address();
    }
    result_.address = address.to_string();
    v6_ = address.is_v6();
    OpenedSocket opened = open_icmp_socket(v6_);
    if (opened.fd < 0) {
      result_.failure = opened.failure;
      co_return finish();
    }
    raw_ = opened.raw;
    asio::posix::stream_descriptor socket(executor, opened.fd);
    fill_destination(address);

    send_times_.assign(static_cast<std::size_t>(request_.count), std::nullopt);
    rtts_.clear();
    // Send on a timer while receiving; stop at the deadline or when all came back.
    int next_sequence = 0;
    auto next_send = Clock::now();
    while (Clock::now() < deadline_ && result_.received < request_.count) {
      if (next_sequence < request_.count && Clock::now() >= next_send) {
        send_echo(opened.fd, next_sequence++);
        next_send += std::chrono::duration_cast<Clock::duration>(request_.interval);
        if (!result_.failure.empty()) co_return finish();
      }
      const auto wake = next_sequence < request_.count ? std::min(next_send, deadline_) : deadline_;
      {
        DeadlineGuard guard(executor, wake, [&socket] {
          error_code ignored;
          socket.cancel(ignored);
        });
        co_await socket.async_wait(asio::posix::stream_descriptor::wait_read, with_error(error));
      }
      if (!error) receive_all(opened.fd);
    }
    co_return finish();
  }

 private:
  void fill_destination(const asio::ip::address& address) {
    std::memset(&destination_, 0, sizeof destination_);
    if (v6_) {
      auto* in6 = reinterpret_cast<sockaddr_in6*>(&destination_);
      in6->sin6_family = AF_INET6;
      const auto bytes = address.to_v6().to_bytes();
      std::memcpy(&in6->sin6_addr, bytes.data(), bytes.size());
      destination_size_ = sizeof(sockaddr_in6);
    } else {
      auto* in4 = reinterpret_cast<sockaddr_in*>(&destination_);
      in4->sin_family = AF_INET;
      const auto bytes = address.to_v4().to_bytes();
      std::memcpy(&in4->sin_addr, bytes.data(), bytes.size());
      destination_size_ = sizeof(sockaddr_in);
    }
  }

  void send_echo(int fd, int sequence) {
    unsigned char packet[64] = {};
    packet[0] = v6_ ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
    packet[4] = static_cast<unsigned char>(identifier_ >> 8);
    packet[5] = static_cast<unsigned char>(identifier_ & 0xff);
    packet[6] = static_cast<unsigned char>(sequence >> 8);
    packet[7] = static_cast<unsigned char>(sequence & 0xff);
    std::memcpy(packet + 8, "nyxmon echo payload", 19);
    if (!v6_) {
      const std::uint16_t checksum = internet_checksum(packet, sizeof packet);
      packet[2] = static_cast<unsigned char>(checksum >> 8);
      packet[3] = static_cast<unsigned char>(checksum & 0xff);
    }
    if (::sendto(fd, packet, sizeof packet, 0, reinterpret_cast<sockaddr*>(&destination_),
                 destination_size_) < 0) {
      if (errno == ENETUNREACH || errno == EHOSTUNREACH) {
        result_.failure =
            std::string("cannot reach ") + result_.address + ": " + std::strerror(errno);
      } else {
        result_.failure = std::string("sending an echo to ") + result_.address +
                          " failed: " + std::strerror(errno);
      }
      return;
    }
    send_times_[static_cast<std::size_t>(sequence)] = Clock::now();
    ++result_.sent;
  }

  void receive_all(int fd) {
    unsigned char buffer[1500];
    while (true) {
      const ssize_t size = ::recv(fd, buffer, sizeof buffer, 0);
      if (size <= 0) return;
      const unsigned char* icmp = buffer;
      std::size_t length = static_cast<std::size_t>(size);
      if (raw_ && !v6_) {  // raw IPv4 sockets deliver the IP header too
        const std::size_t header = (buffer[0] & 0x0f) * 4u;
        if (header >= length) continue;
        icmp += header;
        length -= header;
      }
      if (length < 8) continue;
      const int reply_type = v6_ ? ICMP6_ECHO_REPLY : ICMP_ECHOREPLY;
      if (icmp[0] != reply_type) continue;
      const auto identifier = static_cast<std::uint16_t>(icmp[4] << 8 | icmp[5]);
      if (raw_ && identifier != identifier_) continue;  // another process's ping
      const int sequence = icmp[6] << 8 | icmp[7];
      if (sequence >= request_.count) continue;
      auto& sent_at = send_times_[static_cast<std::size_t>(sequence)];
      if (!sent_at) continue;  // duplicate
      rtts_.push_back(Clock::now() - *sent_at);
      sent_at.reset();
      ++result_.received;
    }
  }

  IcmpEchoResult finish() {
    if (!rtts_.empty()) {
      std::chrono::nanoseconds sum{0};
      result_.rtt_min = rtts_.front();
      result_.rtt_max = rtts_.front();
      for (auto rtt : rtts_) {
        sum += rtt;
        result_.rtt_min = std::min(result_.rtt_min, rtt);
        result_.rtt_max = std::max(result_.rtt_max, rtt);
      }
      result_.rtt_avg = sum / static_cast<long>(rtts_.size());
    }
    result_.duration = Clock::now() - started_;
    return std::move(result_);
  }

  IcmpEchoRequest request_;
  Clock::time_point started_;
  Clock::time_point deadline_;
  std::uint16_t identifier_;
  bool v6_ = false;
  bool raw_ = false;
  sockaddr_storage destination_{};
  socklen_t destination_size_ = 0;
  std::vector<std::optional<Clock::time_point>> send_times_;
  std::vector<std::chrono::nanoseconds> rtts_;
  IcmpEchoResult result_;
};

}  // namespace

void start_icmp_echo(asio::any_io_executor executor, IcmpEchoRequest request,
                     std::function<void(IcmpEchoResult)> done) {
  auto pinger = std::make_shared<Pinger>(std::move(request));
  spawn_probe<Pinger, IcmpEchoResult>(executor, std::move(pinger), std::move(done));
}

}  // namespace nyxmon::infra::probes
