#include "tests/support/disk_full_file_system.hpp"

namespace nyxmon::testing {

namespace {

rocksdb::IOStatus no_space() {
  return rocksdb::IOStatus::NoSpace("No space left on device (injected)");
}

class DiskFullFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  DiskFullFile(std::unique_ptr<rocksdb::FSWritableFile> file,
               std::shared_ptr<std::atomic<bool>> full,
               std::shared_ptr<std::atomic<std::size_t>> writes_while_full)
      : FSWritableFileOwnerWrapper(std::move(file)),
        full_(std::move(full)),
        writes_while_full_(std::move(writes_while_full)) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* debug) override {
    if (refused()) return no_space();
    return FSWritableFileOwnerWrapper::Append(data, options, debug);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& verification,
                           rocksdb::IODebugContext* debug) override {
    if (refused()) return no_space();
    return FSWritableFileOwnerWrapper::Append(data, options, verification, debug);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                         rocksdb::IODebugContext* debug) override {
    if (refused()) return no_space();
    return FSWritableFileOwnerWrapper::Sync(options, debug);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* debug) override {
    if (refused()) return no_space();
    return FSWritableFileOwnerWrapper::Fsync(options, debug);
  }

 private:
  bool refused() {
    if (!full_->load()) return false;
    writes_while_full_->fetch_add(1);
    return true;
  }
  std::shared_ptr<std::atomic<bool>> full_;
  std::shared_ptr<std::atomic<std::size_t>> writes_while_full_;
};

}  // namespace

DiskFullFileSystem::DiskFullFileSystem() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}

rocksdb::IOStatus DiskFullFileSystem::NewWritableFile(
    const std::string& name, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* file, rocksdb::IODebugContext* debug) {
  if (full_->load()) return no_space();
  std::unique_ptr<rocksdb::FSWritableFile> inner;
  auto status = target()->NewWritableFile(name, options, &inner, debug);
  if (!status.ok()) return status;
  file->reset(new DiskFullFile(std::move(inner), full_, writes_while_full_));
  return status;
}

}  // namespace nyxmon::testing
