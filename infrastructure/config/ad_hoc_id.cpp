#include "infrastructure/config/ad_hoc_id.hpp"

#include "domain/model/time_text.hpp"

namespace nyxmon::infra::config {

std::string ad_hoc_id(std::string_view prefix, domain::Timestamp now) {
  const std::string stamp = domain::format_timestamp(now);  // 2026-12-02T17:12:30.000Z
  std::string id = std::string(prefix) + "-";
  for (char c : stamp.substr(0, 19)) {
    if (c >= '0' && c <= '9') id += c;
    if (c == 'T') id += '-';
  }
  return id;
}

}  // namespace nyxmon::infra::config
