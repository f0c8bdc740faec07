#include "tests/support/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace nyxmon::testing {

ProcessOutput run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& environment,
                          std::chrono::milliseconds timeout) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    bool overridden = false;
    for (const auto& [name, value] : environment) {
      if (entry.starts_with(name + "=")) overridden = true;
    }
    if (!overridden) env_strings.push_back(entry);
  }
  for (const auto& [name, value] : environment)
    env_strings.push_back(name + "=" + value);
  std::vector<char*> env_pointers;
  for (auto& entry : env_strings)
    env_pointers.push_back(entry.data());
  env_pointers.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> arg_pointers;
  for (auto& arg : args)
    arg_pointers.push_back(arg.data());
  arg_pointers.push_back(nullptr);

  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, arg_pointers.data(),
                                  env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(spawned));
  }

  ProcessOutput output;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&output.out, &output.err};
  int open_pipes = 2;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  while (open_pipes > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    if (poll(fds, 2, static_cast<int>(left.count())) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      char buffer[8192];
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  output.exit_code = !timed_out && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

BackgroundProcess::BackgroundProcess(
    const std::vector<std::string>& argv,
    const std::vector<std::pair<std::string, std::string>>& environment) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int null = open("/dev/null", O_RDONLY);
    dup2(null, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      close(fd);
    for (const auto& [name, value] : environment)
      setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> args;
    for (const auto& arg : argv)
      args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  out_ = out_pipe[0];
  err_ = err_pipe[0];
  fcntl(out_, F_SETFL, O_NONBLOCK);
  fcntl(err_, F_SETFL, O_NONBLOCK);
}

void BackgroundProcess::drain() {
  char buffer[8192];
  for (auto [fd, sink] : {std::pair{out_, &out_text_}, std::pair{err_, &err_text_}}) {
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
      sink->append(buffer, static_cast<std::size_t>(n));
  }
}

ProcessOutput BackgroundProcess::stop(int signal, std::chrono::milliseconds timeout) {
  ProcessOutput output;
  if (pid_ < 0) return output;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    drain();
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      status = -1;
      break;
    }
    usleep(10'000);
  }
  drain();
  close(out_);
  close(err_);
  pid_ = -1;
  output.exit_code = status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  output.out = std::move(out_text_);
  output.err = std::move(err_text_);
  return output;
}

void BackgroundProcess::signal(int signal) {
  drain();
  if (pid_ > 0) kill(pid_, signal);
}

const std::string& BackgroundProcess::stderr_so_far() {
  if (pid_ > 0) drain();
  return err_text_;
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0) stop(SIGKILL, std::chrono::seconds(5));
}

std::string nyxmon_binary() {
  return NYXMON_BINARY;
}

ProcessOutput run_nyxmon(const std::vector<std::string>& arguments,
                         const std::vector<std::pair<std::string, std::string>>& environment) {
  std::vector<std::string> argv = {NYXMON_BINARY};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return run_process(argv, environment);
}

}  // namespace nyxmon::testing
