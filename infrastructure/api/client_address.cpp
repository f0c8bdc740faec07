#include "infrastructure/api/client_address.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>

namespace nyxmon::infra::api {

namespace ip = boost::asio::ip;

std::string client_key(std::string_view address) {
  boost::system::error_code error;
  const auto parsed = ip::make_address(std::string(address), error);
  if (error) return std::string(address);
  if (parsed.is_v4()) return parsed.to_string();
  const auto v6 = parsed.to_v6();
  if (v6.is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::address_v6(bytes).to_string() + "/64";
}

}  // namespace nyxmon::infra::api
