#include "tests/support/servers/nginx_server.hpp"

#include <csignal>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "tests/support/servers/closed_port.hpp"

namespace nyxmon::testing {

NginxServer::NginxServer(const std::vector<std::pair<std::string, std::string>>& files) {
  if (!std::filesystem::exists(kBinary)) {
    throw std::runtime_error(std::string(kBinary) +
                             " is missing: scripts/install-deps.sh installs Debian's nginx-light");
  }
  const auto root = prefix_.path();
  std::filesystem::create_directories(root / "www");
  std::filesystem::create_directories(root / "tmp");
  for (const auto& [name, content] : files)
    std::ofstream(root / "www" / name) << content;
  port_ = closed_port();
  const std::string prefix = root.string();
  std::ofstream(root / "nginx.conf")
      << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
      << "pid " << prefix << "/nginx.pid;\nerror_log " << prefix << "/error.log;\n"
      << "events { worker_connections 256; }\n"
      << "http {\n  access_log off;\n"
      << "  client_body_temp_path " << prefix << "/tmp;\n  proxy_temp_path " << prefix
      << "/tmp;\n  fastcgi_temp_path " << prefix << "/tmp;\n  uwsgi_temp_path " << prefix
      << "/tmp;\n  scgi_temp_path " << prefix << "/tmp;\n"
      << "  types { application/json json; text/plain txt; }\n  default_type text/plain;\n"
      << "  server { listen 127.0.0.1:" << port_ << "; root " << prefix << "/www; }\n}\n";
  process_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{kBinary, "-p", prefix, "-c", prefix + "/nginx.conf"});
  for (int i = 0; i < 200 && !port_is_listening(port_); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (!port_is_listening(port_)) {
    throw std::runtime_error("nginx did not listen on 127.0.0.1:" + std::to_string(port_) + ": " +
                             process_->stderr_so_far());
  }
}

NginxServer::~NginxServer() {
  if (process_) process_->stop(SIGQUIT);
}

std::string NginxServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

}  // namespace nyxmon::testing
