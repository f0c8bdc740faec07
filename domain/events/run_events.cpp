#include "domain/events/run_events.hpp"

namespace nyxmon::domain {

std::string_view to_string(HeartbeatSignal signal) {
  switch (signal) {
    case HeartbeatSignal::kSuccess:
      return "success";
    case HeartbeatSignal::kStart:
      return "start";
    case HeartbeatSignal::kFail:
      return "fail";
  }
  return "success";
}

}  // namespace nyxmon::domain
