// lost_ranges.hpp — which sequences missing from the log nothing explains.
// Private to the event store's sources (verify.cpp, losses.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::eventstore {

// The parts of first..last that are neither below the retention mark
// (`truncated_before`: retention may have removed them) nor in a recorded
// loss (`recorded`, in sequence order). Empty when all is explained.
std::vector<LostRange> unexplained(std::uint64_t first, std::uint64_t last,
                                   std::uint64_t truncated_before,
                                   const std::vector<LostRange>& recorded);

}  // namespace nyxmon::infra::eventstore
