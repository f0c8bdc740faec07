// recorded_events.hpp — what a stopped engine left in its store, decoded,
// for tests that check the story the log tells.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "domain/events/envelope.hpp"

namespace nyxmon::testing {

// Every event in the store at `data`, decoded, in sequence order. Opens the
// store as its writer (the engine must be stopped); fails the test on any
// error, and when `verify` finds a problem.
std::vector<domain::Envelope> recorded_events(const std::filesystem::path& data);

// Every scheduled run must end exactly once, with a result or as abandoned:
// what does not, as "check web run 5: 0 endings". Empty when all is well.
std::vector<std::string> runs_without_one_ending(const std::vector<domain::Envelope>& events);

}  // namespace nyxmon::testing
