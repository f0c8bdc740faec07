// event_summary.hpp — one event in a line a person can read:
// "run 42: fail — connection refused by 127.0.0.1:8081 (12ms)".
#pragma once

#include <string>

#include "domain/events/event.hpp"

namespace nyxmon::infra::eventstore {

std::string summarize(const domain::Event& event);

}  // namespace nyxmon::infra::eventstore
