#include "infrastructure/runtime/backup_runner.hpp"

namespace nyxmon::infra::runtime {

BackupRunner::BackupRunner(const eventstore::EventStore& store)
    : store_(store), thread_([this] { work(); }) {}

BackupRunner::~BackupRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  thread_.join();
}

void BackupRunner::start(std::filesystem::path to, std::size_t keep, Done done) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(Job{std::move(to), keep, std::move(done)});
  }
  wake_.notify_all();
}

void BackupRunner::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job.done(store_.back_up(job.to, job.keep));
    lock.lock();
  }
}

}  // namespace nyxmon::infra::runtime
