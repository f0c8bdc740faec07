// store_access.hpp — how commands open the store.
//
// Read commands open it as a RocksDB secondary instance, which works whether
// or not `nyxmon run` holds it, and sees the engine's newest events. The
// secondary's scratch files live in a temporary directory removed on exit.
#pragma once

#include <filesystem>
#include <memory>
#include <utility>

#include "domain/error.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::tools {

class StoreForReading {
 public:
  static domain::Result<StoreForReading> open(const std::filesystem::path& data_directory);
  StoreForReading(StoreForReading&& other) noexcept
      : store_(std::move(other.store_)), scratch_(std::exchange(other.scratch_, {})) {}
  StoreForReading& operator=(StoreForReading&&) = delete;
  ~StoreForReading();

  infra::eventstore::EventStore& store() { return *store_; }

 private:
  StoreForReading() = default;
  std::unique_ptr<infra::eventstore::EventStore> store_;
  std::filesystem::path scratch_;
};

}  // namespace nyxmon::tools
