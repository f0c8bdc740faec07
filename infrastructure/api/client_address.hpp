// client_address.hpp — which HTTP clients count as one, for the limits kept
// per client (connections, missed push tokens).
//
// IPv4 clients (IPv4-mapped IPv6 included) by their address; IPv6 clients by
// their /64, since one host usually holds a whole /64 and could otherwise
// pose as any number of clients.
#pragma once

#include <string>
#include <string_view>

namespace nyxmon::infra::api {

// "10.0.0.1" for "10.0.0.1" and "::ffff:10.0.0.1"; "2001:db8:1:2::/64" for
// "2001:db8:1:2::77"; text that is not an address, as it is.
std::string client_key(std::string_view address);

}  // namespace nyxmon::infra::api
