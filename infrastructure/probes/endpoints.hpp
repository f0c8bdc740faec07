// endpoints.hpp — where a probe connects. A literal IPv4 or IPv6 address is
// used as it is, with no trip through the resolver's thread and no timer; a
// name goes to the system resolver, cancelled when `deadline` passes (the
// error is then operation_aborted, and the caller tells a timeout by the
// clock). Run on the probes' io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <string>

namespace nyxmon::infra::probes {

boost::asio::awaitable<boost::asio::ip::tcp::resolver::results_type> resolve_endpoints(
    const std::string& host, const std::string& port,
    std::chrono::steady_clock::time_point deadline, boost::system::error_code& error);

}  // namespace nyxmon::infra::probes
