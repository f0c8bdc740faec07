// ad_hoc_id.hpp — the id of something made ad hoc and given none (a
// maintenance window, a silence): a prefix and when it was asked for, UTC.
#pragma once

#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace nyxmon::infra::config {

// ad_hoc_id("m", t) = "m-20261202-171230".
std::string ad_hoc_id(std::string_view prefix, domain::Timestamp now);

}  // namespace nyxmon::infra::config
