// disk_full_file_system.hpp — a RocksDB file system over the real one that
// runs out of space on demand, as a full disk does: writes, syncs and new
// files fail with "No space left on device" while full() is set.
//
//   auto disk = std::make_shared<DiskFullFileSystem>();
//   auto store = EventStore::open(dir, {.file_system = disk});
//   disk->set_full(true);   // appends fail from now on
//
// Thread-safe.
#pragma once

#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>

namespace nyxmon::testing {

class DiskFullFileSystem : public rocksdb::FileSystemWrapper {
 public:
  DiskFullFileSystem();
  const char* Name() const override { return "DiskFullFileSystem"; }

  void set_full(bool full) { full_->store(full); }
  // Writes that reached a file while full (they should not, after the first).
  std::size_t writes_while_full() const { return writes_while_full_->load(); }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* debug) override;

 private:
  std::shared_ptr<std::atomic<bool>> full_ = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<std::atomic<std::size_t>> writes_while_full_ =
      std::make_shared<std::atomic<std::size_t>>(0);
};

}  // namespace nyxmon::testing
