#include "tools/cli/store_access.hpp"

#include <stdlib.h>

namespace nyxmon::tools {

domain::Result<StoreForReading> StoreForReading::open(const std::filesystem::path& data_directory) {
  std::string pattern = (std::filesystem::temp_directory_path() / "nyxmon-reader-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return domain::fail(domain::Error::io("cannot create a temporary directory in " +
                                          std::filesystem::temp_directory_path().string()));
  }
  StoreForReading reader;
  reader.scratch_ = pattern;
  auto store = infra::eventstore::EventStore::open_secondary(data_directory, reader.scratch_);
  if (!store) return domain::fail(std::move(store.error()));
  reader.store_ = std::move(*store);
  return reader;
}

StoreForReading::~StoreForReading() {
  store_.reset();
  if (!scratch_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(scratch_, ignored);
  }
}

}  // namespace nyxmon::tools
