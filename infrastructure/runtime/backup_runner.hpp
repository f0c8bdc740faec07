// backup_runner.hpp — hot backups of a running engine's store, taken on a
// thread of their own (a backup copies files for as long as it takes; the
// core, the probes and HTTP go on), one at a time, in the order asked:
// by `nyxmon backup` through the control socket, and by engine.backup's
// schedule (BackupSchedule).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "domain/error.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::runtime {

class BackupRunner {
 public:
  using Done = std::function<void(domain::Result<eventstore::EventStore::Backup>)>;

  // `store` must outlive the runner.
  explicit BackupRunner(const eventstore::EventStore& store);
  ~BackupRunner();  // finishes the backup under way; those still waiting are dropped
  BackupRunner(const BackupRunner&) = delete;
  BackupRunner& operator=(const BackupRunner&) = delete;

  // Queues a backup into `to`, keeping `keep`; `done` is called on the
  // runner's thread with its outcome. Thread-safe.
  void start(std::filesystem::path to, std::size_t keep, Done done);

 private:
  struct Job {
    std::filesystem::path to;
    std::size_t keep;
    Done done;
  };
  void work();

  const eventstore::EventStore& store_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace nyxmon::infra::runtime
