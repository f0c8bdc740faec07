// page_settings.hpp — the status_page section of a configuration: who
// sees the page at `/` and what it says about itself.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/time.hpp"

namespace nyxmon::infra::api {

struct StatusPageSettings {
  // Anyone may read the page (only `services`, when listed); otherwise a
  // visitor logs in with the API token for a session cookie.
  bool is_public = false;
  std::vector<std::string> services;  // what a public page shows; empty: all
  std::string title = "nyxmon status";
  std::string description;
  domain::Duration session = std::chrono::hours(12);  // how long a login lasts

  bool operator==(const StatusPageSettings&) const = default;
};

}  // namespace nyxmon::infra::api
