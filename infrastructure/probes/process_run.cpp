#include "infrastructure/probes/process_run.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <memory>

#include "infrastructure/probes/deadline_guard.hpp"
#include "infrastructure/system/owned_descriptor.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

std::string errno_text(const char* what, int error) {
  return std::string(what) + ": " + std::strerror(error);
}

// posix_spawn's attributes and file actions, destroyed with the object.
class SpawnSetup {
 public:
  SpawnSetup() {
    ::posix_spawnattr_init(&attributes_);
    ::posix_spawn_file_actions_init(&actions_);
  }
  ~SpawnSetup() {
    ::posix_spawn_file_actions_destroy(&actions_);
    ::posix_spawnattr_destroy(&attributes_);
  }
  posix_spawnattr_t* attributes() { return &attributes_; }
  posix_spawn_file_actions_t* actions() { return &actions_; }

 private:
  posix_spawnattr_t attributes_;
  posix_spawn_file_actions_t actions_;
};

struct Spawned {
  pid_t pid = -1;
  system::OwnedDescriptor output, errors, exited;
  std::string failure;
};

Spawned spawn(const ProcessRequest& request) {
  Spawned spawned;
  int output_pipe[2], error_pipe[2];
  if (::pipe2(output_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    spawned.failure = errno_text("cannot make a pipe", errno);
    return spawned;
  }
  system::OwnedDescriptor output_read(output_pipe[0]), output_write(output_pipe[1]);
  if (::pipe2(error_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    spawned.failure = errno_text("cannot make a pipe", errno);
    return spawned;
  }
  system::OwnedDescriptor error_read(error_pipe[0]), error_write(error_pipe[1]);
  // The child's ends block, as a program expects of its output.
  ::fcntl(output_write.get(), F_SETFL, 0);
  ::fcntl(error_write.get(), F_SETFL, 0);

  SpawnSetup setup;
  sigset_t no_signals, every_signal;
  sigemptyset(&no_signals);
  sigfillset(&every_signal);
  ::posix_spawnattr_setsigmask(setup.attributes(), &no_signals);
  ::posix_spawnattr_setsigdefault(setup.attributes(), &every_signal);
  ::posix_spawnattr_setpgroup(setup.attributes(), 0);
  ::posix_spawnattr_setflags(
      setup.attributes(), POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  auto* actions = setup.actions();
  ::posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_adddup2(actions, output_write.get(), 1);
  ::posix_spawn_file_actions_adddup2(actions, error_write.get(), 2);
  ::posix_spawn_file_actions_addclosefrom_np(actions, 3);
  ::posix_spawn_file_actions_addchdir_np(actions, request.working_directory.c_str());

  std::vector<char*> argv, envp;
  for (const auto& argument : request.argv)
    argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  for (const auto& variable : request.environment)
    envp.push_back(const_cast<char*>(variable.c_str()));
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int error =
      ::posix_spawn(&pid, argv[0], actions, setup.attributes(), argv.data(), envp.data());
  if (error != 0) {
    spawned.failure = errno_text(("cannot run " + request.argv[0]).c_str(), error);
    return spawned;
  }
  spawned.pid = pid;
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    const int open_error = errno;
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    spawned.pid = -1;
    spawned.failure = errno_text("cannot watch the command (pidfd_open)", open_error);
    return spawned;
  }
  spawned.output = std::move(output_read);
  spawned.errors = std::move(error_read);
  spawned.exited = system::OwnedDescriptor(pidfd);
  return spawned;
}

class ProcessRun : public std::enable_shared_from_this<ProcessRun> {
 public:
  ProcessRun(asio::any_io_executor executor, ProcessRequest request,
             std::function<void(ProcessOutcome)> done)
      : executor_(executor),
        request_(std::move(request)),
        done_(std::move(done)),
        started_(Clock::now()),
        output_(executor),
        errors_(executor),
        exited_(executor) {}

  void start() {
    Spawned spawned = spawn(request_);
    if (spawned.pid < 0) {
      outcome_.failure = std::move(spawned.failure);
      finish();
      return;
    }
    pid_ = spawned.pid;
    output_.assign(spawned.output.release());
    errors_.assign(spawned.errors.release());
    exited_.assign(spawned.exited.release());
    pending_ = 3;
    auto self = shared_from_this();
    guard_.emplace(executor_, started_ + request_.timeout, [self] { self->time_out(); });
    read(output_, outcome_.output);
    read(errors_, outcome_.errors);
    wait_for_exit();
  }

 private:
  void read(asio::posix::stream_descriptor& pipe, std::string& into) {
    auto self = shared_from_this();
    pipe.async_read_some(asio::buffer(buffer_for(pipe)),
                         [self, &pipe, &into](boost::system::error_code error, std::size_t size) {
                           self->take(into, size, &pipe == &self->output_);
                           if (error) {
                             self->part_done();
                             return;
                           }
                           self->read(pipe, into);
                         });
  }

  std::array<char, 4096>& buffer_for(const asio::posix::stream_descriptor& pipe) {
    return &pipe == &output_ ? output_buffer_ : error_buffer_;
  }

  void take(std::string& into, std::size_t size, bool from_output) {
    const auto& buffer = from_output ? output_buffer_ : error_buffer_;
    const std::size_t room =
        into.size() < request_.max_output_bytes ? request_.max_output_bytes - into.size() : 0;
    into.append(buffer.data(), std::min(room, size));
    if (size > room) outcome_.output_cut = true;
  }

  void wait_for_exit() {
    exited_.async_wait(
        asio::posix::descriptor_base::wait_read,
        [self = shared_from_this()](boost::system::error_code error) { self->reap(!error); });
  }

  // Whether the leader has exited, asked without reaping it.
  bool leader_exited() const {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
           info.si_pid != 0;
  }

  // The leader has exited (a zombie until reaped, so its group id is still
  // its own): what it left running in its group goes with it. A wait on
  // the pidfd has been seen to complete before the exit when many short
  // runs overlap (a wait, unlike a read, is not retried by the reactor when
  // a readiness it acts on was not this descriptor's), and acting on it
  // killed live plugins. So the kernel is asked whether the leader exited
  // before anything is killed; a wake too early waits again.
  // `woke` false: the wait was cancelled; killed, the leader exits now.
  void reap(bool woke) {
    if (woke && !leader_exited()) {
      wait_for_exit();
      return;
    }
    if (!woke) outcome_.timed_out = true;
    kill_group();
    int status = 0;
    if (::waitpid(pid_, &status, 0) == pid_) {
      if (WIFEXITED(status)) outcome_.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) outcome_.signal = WTERMSIG(status);
    }
    pid_ = -1;
    part_done();
  }

  void kill_group() {
    if (pid_ > 0) ::kill(-pid_, SIGKILL);
  }

  // The deadline: the group is killed, and the pipes closed in case
  // something outside the group still holds their other ends.
  void time_out() {
    outcome_.timed_out = true;
    kill_group();
    boost::system::error_code ignored;
    output_.close(ignored);
    errors_.close(ignored);
  }

  void part_done() {
    if (--pending_ == 0) finish();
  }

  void finish() {
    guard_.reset();
    outcome_.duration = Clock::now() - started_;
    auto done = std::move(done_);
    done(std::move(outcome_));
  }

  asio::any_io_executor executor_;
  ProcessRequest request_;
  std::function<void(ProcessOutcome)> done_;
  Clock::time_point started_;
  asio::posix::stream_descriptor output_, errors_, exited_;
  std::array<char, 4096> output_buffer_{}, error_buffer_{};
  pid_t pid_ = -1;
  int pending_ = 0;
  ProcessOutcome outcome_;
  std::optional<DeadlineGuard> guard_;
};

}  // namespace

void start_process(asio::any_io_executor executor, ProcessRequest request,
                   std::function<void(ProcessOutcome)> done) {
  auto run = std::make_shared<ProcessRun>(executor, std::move(request), std::move(done));
  asio::post(executor, [run] { run->start(); });
}

}  // namespace nyxmon::infra::probes
