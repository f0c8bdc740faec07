// current_state.hpp — the projections as the log says now, for read
// commands: opened as a secondary (so it works beside a running engine),
// restored from the newest snapshot and folded to the head, with progress
// on a terminal.
#pragma once

#include <filesystem>

#include "domain/error.hpp"
#include "projections/projections.hpp"

namespace nyxmon::tools {

domain::Result<projections::Projections> load_current_state(
    const std::filesystem::path& data_directory);

}  // namespace nyxmon::tools
