#include "tools/cli/current_state.hpp"

#include "infrastructure/eventstore/projection_loader.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/store_access.hpp"

namespace nyxmon::tools {

domain::Result<projections::Projections> load_current_state(
    const std::filesystem::path& data_directory) {
  auto reader = StoreForReading::open(data_directory);
  if (!reader) return domain::fail(std::move(reader.error()));
  const auto view = reader->store().read_view();
  Progress progress("folding events");
  auto loaded = infra::eventstore::load_projections(
      reader->store(), view, std::nullopt,
      [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
  if (!loaded) return domain::fail(std::move(loaded.error()));
  return std::move(loaded->projections);
}

}  // namespace nyxmon::tools
