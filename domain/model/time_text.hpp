// time_text.hpp — an instant as RFC 3339 text in UTC with milliseconds,
// "2026-11-25T09:30:00.250Z", as every interface prints it.
#pragma once

#include <string>

#include "domain/time.hpp"

namespace nyxmon::domain {

std::string format_timestamp(Timestamp at);

}  // namespace nyxmon::domain
