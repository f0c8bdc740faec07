// icmp_echo.hpp — ICMP echo (ping) of one host: `count` requests, `interval`
// apart, replies matched by sequence, within one deadline.
//
// Uses an unprivileged datagram ICMP socket where the kernel allows it
// (sysctl net.ipv4.ping_group_range), a raw socket otherwise (root or
// CAP_NET_RAW); when neither opens, the failure names the missing permission.
// IPv4 and IPv6.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace nyxmon::infra::probes {

struct IcmpEchoRequest {
  std::string host;
  int count = 3;
  std::chrono::nanoseconds interval = std::chrono::milliseconds(200);
  std::chrono::nanoseconds timeout = std::chrono::seconds(5);
};

struct IcmpEchoResult {
  std::string failure;  // empty when echoes could be sent, however many came back
  std::string address;  // the address pinged
  int sent = 0;
  int received = 0;
  std::chrono::nanoseconds rtt_min{0}, rtt_avg{0}, rtt_max{0};
  std::chrono::nanoseconds duration{0};

  double loss_percent() const {
    return sent == 0 ? 100.0
                     : 100.0 * static_cast<double>(sent - received) / static_cast<double>(sent);
  }
};

// Starts the echoes on `executor`; calls `done` there exactly once.
void start_icmp_echo(boost::asio::any_io_executor executor, IcmpEchoRequest request,
                     std::function<void(IcmpEchoResult)> done);

}  // namespace nyxmon::infra::probes
